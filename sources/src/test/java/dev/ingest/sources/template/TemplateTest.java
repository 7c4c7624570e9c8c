package dev.ingest.sources.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.http.UrlCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private final TemplateContext context = TemplateContext.of(
      Map.of("base_url", "https://api.example.com", "owner", "acme corp"),
      Map.of("token", "s3cr3t-t0ken"),
      Map.of("parent.id", "42"));

  @Test
  void rendersEveryNamespaceWithOrWithoutSpaces() {
    Template t = Template.parse("{{config.base_url}}/x/{{ vars.parent.id }}?t={{   credentials.token   }}");
    assertThat(t.render(context)).isEqualTo("https://api.example.com/x/42?t=s3cr3t-t0ken");
    assertThat(t.variables()).extracting(Variable::toString)
        .containsExactly("config.base_url", "vars.parent.id", "credentials.token");
  }

  @Test
  void literalTextIsKeptAndConstantTemplatesAreMarked() {
    Template t = Template.parse("Accept: application/json } {");
    assertThat(t.isConstant()).isTrue();
    assertThat(t.render(TemplateContext.empty())).isEqualTo("Accept: application/json } {");
    assertThat(Template.parse("").render(TemplateContext.empty())).isEmpty();
  }

  @Test
  void escapesInsertedValuesOnly() {
    Template t = Template.parse("/orgs/{{ config.owner }}/repos");
    assertThat(t.render(context, UrlCodec::encodePathSegment)).isEqualTo("/orgs/acme%20corp/repos");
  }

  @Test
  void unresolvedVariableIsNamedButNoValueIsLeaked() {
    Template t = Template.parse("Bearer {{ credentials.token }} {{ credentials.other }}");
    assertThatThrownBy(() -> t.render(context))
        .isInstanceOf(TemplateException.class)
        .hasMessage("unresolved template variable 'credentials.other'")
        .satisfies(e -> assertThat(((TemplateException) e).variable())
            .isEqualTo(new Variable(Namespace.CREDENTIALS, "other")))
        .message().doesNotContain("s3cr3t");
  }

  @Test
  void rejectsMalformedPlaceholders() {
    assertThatThrownBy(() -> Template.parse("{{ config.x"))
        .hasMessageContaining("unclosed '{{' at offset 0");
    assertThatThrownBy(() -> Template.parse("a {{ token }}"))
        .hasMessageContaining("invalid placeholder '{{ token }}' at offset 2");
    assertThatThrownBy(() -> Template.parse("{{ config.a b }}"))
        .hasMessageContaining("invalid placeholder");
    assertThatThrownBy(() -> Template.parse("{{ secrets.token }}"))
        .hasMessageContaining("unknown namespace 'secrets'")
        .hasMessageContaining("expected one of config, credentials, vars");
  }

  @Test
  void contextToStringShowsKeysNotValues() {
    assertThat(context.toString()).contains("token").doesNotContain("s3cr3t-t0ken");
  }

  @Test
  void isSerializableAndEqualByText() throws Exception {
    Template t = Template.parse("{{ config.base_url }}/a");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(t);
    }
    Object copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertThat(copy).isEqualTo(t);
    assertThat(((Template) copy).render(context)).isEqualTo("https://api.example.com/a");
    assertThat(t).hasToString("{{ config.base_url }}/a");
  }

  @Test
  void filtersReformatTimestampsInTheirOwnOffset() {
    TemplateContext marks = TemplateContext.of(Map.of(), Map.of(), Map.of(
        "incremental.since", "2024-01-05T10:07:59.000-0500", "epoch", "1704449279", "text", "abc"));
    assertThat(Template.parse("updated >= \"{{ vars.incremental.since | date: 'yyyy/MM/dd HH:mm' }}\"")
        .render(marks)).isEqualTo("updated >= \"2024/01/05 10:07\"");
    assertThat(Template.parse("{{vars.incremental.since|epoch_seconds}}").render(marks)).isEqualTo("1704467279");
    assertThat(Template.parse("{{ vars.epoch | date: \"yyyy-MM-dd'T'HH:mm:ssXXX\" }}").render(marks))
        .isEqualTo("2024-01-05T10:07:59Z");
    assertThat(Template.parse("{{ vars.epoch | epoch_seconds }}").variables()).extracting(Variable::toString)
        .containsExactly("vars.epoch");
  }

  @Test
  void badFiltersFailAtParseTimeAndUnreadableValuesWithoutShowingThem() {
    assertThatThrownBy(() -> Template.parse("{{ vars.x | upper }}"))
        .isInstanceOf(TemplateException.class).hasMessageContaining("unknown filter 'upper'")
        .hasMessageContaining("expected one of date, epoch_seconds");
    assertThatThrownBy(() -> Template.parse("{{ vars.x | date }}"))
        .isInstanceOf(TemplateException.class).hasMessageContaining("filter date needs a pattern");
    assertThatThrownBy(() -> Template.parse("{{ vars.x | date: 'yyyy-bb' }}"))
        .isInstanceOf(TemplateException.class).hasMessageContaining("invalid pattern 'yyyy-bb'");
    assertThatThrownBy(() -> Template.parse("{{ vars.x | epoch_seconds: 'x' }}"))
        .isInstanceOf(TemplateException.class).hasMessageContaining("takes no argument");
    Template t = Template.parse("{{ vars.text | epoch_seconds }}");
    assertThatThrownBy(() -> t.render(TemplateContext.of(Map.of(), Map.of(), Map.of("text", "s3cr3t"))))
        .isInstanceOf(TemplateException.class).hasMessageContaining("'vars.text' is not a timestamp")
        .hasMessageNotContaining("s3cr3t");
  }
}

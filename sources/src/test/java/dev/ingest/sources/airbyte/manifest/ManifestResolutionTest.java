package dev.ingest.sources.airbyte.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.spec.SafeYaml;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code $ref} resolution and {@code $parameters} propagation, case by case, as Airbyte's CDK defines them. */
class ManifestResolutionTest {

  private static JsonNode yaml(String text) throws Exception {
    return SafeYaml.parse("test", text.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode resolve(String text) throws Exception {
    return ManifestParameters.propagate(ManifestReferences.resolve(yaml(text)));
  }

  @Test
  void aRefIsShallowMergedWithItsSiblingsWhichWin() throws Exception {
    JsonNode out = ManifestReferences.resolve(yaml("""
        definitions:
          base: {url_base: "https://a", path: /x, authenticator: {type: NoAuth}}
        requester: {$ref: "#/definitions/base", path: /y, authenticator: {api_token: t}}
        """));
    assertThat(out.get("requester").toString())
        .isEqualTo("{\"url_base\":\"https://a\",\"path\":\"/y\",\"authenticator\":{\"api_token\":\"t\"}}");
  }

  @Test
  void stringReferencesNestedReferencesAndListIndexesResolve() throws Exception {
    JsonNode out = ManifestReferences.resolve(yaml("""
        definitions:
          a/b: whole-key
          list: [zero, {$ref: "#/definitions/leaf"}]
          leaf: {v: 1}
        x: "#/definitions/a/b"
        y: "#/definitions/list/1"
        """));
    assertThat(out.get("x").asText()).isEqualTo("whole-key");
    assertThat(out.get("y").toString()).isEqualTo("{\"v\":1}");
  }

  @Test
  void circularAndUndefinedReferencesNameThePath() {
    assertThatThrownBy(() -> ManifestReferences.resolve(yaml("a: {$ref: \"#/b\"}\nb: {$ref: \"#/a\"}")))
        .isInstanceOf(ManifestException.class).hasMessageContaining("circular reference");
    assertThatThrownBy(() -> ManifestReferences.resolve(yaml("a: {x: \"#/nowhere/y\"}")))
        .isInstanceOf(ManifestException.class).hasMessage("a.x: undefined reference #/nowhere/y (no 'nowhere')");
  }

  @Test
  void typesAreInferredFromTheParentField() throws Exception {
    JsonNode out = resolve("""
        type: DeclarativeSource
        streams:
          - name: s
            retriever:
              requester: {url_base: "https://a"}
              record_selector: {extractor: {field_path: []}}
        """);
    JsonNode retriever = out.get("streams").get(0).get("retriever");
    assertThat(out.get("streams").get(0).get("type").asText()).isEqualTo("DeclarativeStream");
    assertThat(retriever.get("type").asText()).isEqualTo("SimpleRetriever");
    assertThat(retriever.get("requester").get("type").asText()).isEqualTo("HttpRequester");
    assertThat(retriever.get("record_selector").get("extractor").get("type").asText()).isEqualTo("DpathExtractor");
  }

  @Test
  void parametersFillOnlyUnsetOrFalsyFieldsAndFlowToChildren() throws Exception {
    JsonNode out = resolve("""
        type: DeclarativeSource
        streams:
          - type: DeclarativeStream
            $parameters: {name: from_params, path: /p, primary_key: id}
            name: own_name
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, path: "", $parameters: {path: /child}}
        """);
    JsonNode stream = out.get("streams").get(0);
    assertThat(stream.get("name").asText()).as("a set field wins").isEqualTo("own_name");
    assertThat(stream.get("path").asText()).as("an unset field is filled").isEqualTo("/p");
    JsonNode requester = stream.get("retriever").get("requester");
    assertThat(requester.get("path").asText()).as("an empty field is falsy: the child's own parameter fills it")
        .isEqualTo("/child");
    assertThat(requester.get("primary_key").asText()).isEqualTo("id");
    assertThat(requester.get("$parameters").get("name").asText()).isEqualTo("from_params");
  }

  @Test
  void jsonSchemasAndUntypedMappingsAreNotComponents() throws Exception {
    JsonNode out = resolve("""
        type: DeclarativeSource
        streams:
          - type: DeclarativeStream
            $parameters: {name: s}
            schema_loader: {type: InlineSchemaLoader, schema: {type: object, properties: {a: {type: string}}}}
            retriever:
              type: SimpleRetriever
              requester: {type: HttpRequester, request_parameters: {limit: "10"}}
        """);
    JsonNode stream = out.get("streams").get(0);
    assertThat(stream.get("schema_loader").get("schema").has("name")).isFalse();
    assertThat(stream.get("retriever").get("requester").get("request_parameters").toString())
        .isEqualTo("{\"limit\":\"10\"}");
  }
}

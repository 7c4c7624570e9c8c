package dev.ingest.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.secret.LocalFileSecretStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Connect button in headless Chromium against {@link FakeOAuthProvider}: the HubSpot connector's OAuth method
 * (its authorize and token URLs pointed at the fake through the connector config) sends the browser to the
 * provider's authorize page with an S256 challenge and the connector's scopes; approving lands back on the
 * dashboard with the refresh token stored in the named secret next to the client credentials. Replaying the
 * callback's state is refused without a token request; a code issued for another PKCE challenge is refused by the
 * token endpoint and nothing is stored.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OAuthConnectDashboardITCase {
  static final String API_TOKEN = "oauth-dashboard-token-0123456789";
  static final String CLIENT_ID = "ingest-app-42";
  static final String CLIENT_SECRET = "client-secret-never-shown";

  @TempDir Path dir;

  @BeforeAll
  static void requireChromium() {
    Browser.require();
  }

  @Test
  void connectStoresTheRefreshTokenAndRefusesAReplayedStateAndAWrongVerifier() throws Exception {
    try (FakeOAuthProvider provider = new FakeOAuthProvider(CLIENT_ID, CLIENT_SECRET);
        DashboardStack stack = new DashboardStack(dir, API_TOKEN, SandboxApi.builder(), "")) {
      Browser browser = stack.browser;
      LocalFileSecretStore secrets = new LocalFileSecretStore(stack.home.secretsFile());
      browser.open(stack.base() + "/dashboard/#/oauth");
      browser.type("#api-token", API_TOKEN);
      browser.click("form button[type=submit]");
      browser.waitForText("main h1", "Connect an OAuth app");

      connect(browser, provider);
      assertThat(browser.waitForText("#fake-title, h1", "Authorize")).contains("Authorize Ingest?");
      Map<String, String> asked = provider.authorizeRequests.get(0);
      assertThat(asked).containsEntry("code_challenge_method", "S256").containsEntry("client_id", CLIENT_ID)
          .containsEntry("redirect_uri", stack.base() + "/oauth/callback")
          .containsEntry("scope", "crm.objects.contacts.read crm.objects.companies.read crm.objects.deals.read");
      assertThat(asked.get("code_challenge")).hasSize(43);
      assertThat(browser.url()).doesNotContain(CLIENT_SECRET);
      browser.click("#approve");
      browser.waitForText("#status", "Connected: the refresh token is stored in secret hubspot-oauth");
      assertThat(provider.tokenRequests).containsExactly("granted rt-1");
      assertThat(secrets.read("hubspot-oauth")).contains(Map.of("client_id", CLIENT_ID,
          "client_secret", CLIENT_SECRET, "refresh_token", "rt-1", "access_token", "at-1"));
      assertThat(browser.text("main")).doesNotContain("rt-1").doesNotContain(CLIENT_SECRET);
      browser.screenshot("60-oauth-connected");

      // the same callback again: its state was used up
      browser.open(asked.get("redirect_uri") + "?code=code-1&state=" + asked.get("state"));
      browser.waitForText("#status", "unknown or already used state");
      assertThat(provider.tokenRequests).as("no second exchange").containsExactly("granted rt-1");

      // a code the provider issued for another flow's challenge: the verifier does not match it
      provider.substituteChallenge = FakeOAuthProvider.s256("some-other-flows-verifier-0123456789abcdefghij");
      connect(browser, provider);
      browser.click("#approve");
      browser.waitForText("#status", "refused the code: HTTP 400 (invalid_grant)");
      assertThat(provider.tokenRequests).containsExactly("granted rt-1", "refused invalid_grant");
      assertThat(secrets.read("hubspot-oauth").map(s -> s.get("refresh_token"))).isEqualTo(Optional.of("rt-1"));
      browser.screenshot("61-oauth-pkce-refused");
    }
  }

  private static void connect(Browser browser, FakeOAuthProvider provider) {
    browser.type("#oauth-credential", "hubspot-oauth");
    browser.type("#oauth-client_id", CLIENT_ID);
    browser.type("#oauth-client_secret", CLIENT_SECRET);
    browser.type("#oauth-config-oauth_authorize_url", provider.base() + "/authorize");
    browser.type("#oauth-config-oauth_token_url", provider.base() + "/token");
    browser.click("#oauth-connect");
  }
}

package dev.ingest.sandbox;

/**
 * Word lists the record generators draw from. Names include non-ASCII letters on purpose, so UTF-8 handling is
 * exercised end to end.
 */
final class Vocabulary {
  static final String[] FIRST_NAMES = {
    "Ada", "Grace", "Linus", "Margaret", "José", "Zoë", "Łukasz", "François", "Søren", "Aiko",
    "Chidi", "Priya", "Mateo", "Ingrid", "Oluwaseun", "Hana", "Dmitri", "Fatima", "Noah", "Mei"
  };
  static final String[] LAST_NAMES = {
    "Lovelace", "Hopper", "Torvalds", "Hamilton", "García", "Müller", "Kowalski", "Dubois", "Ødegaard",
    "Tanaka", "Okafor", "Sharma", "Rossi", "Johansson", "Adeyemi", "Kim", "Ivanov", "Haddad", "O'Brien", "Chen"
  };
  static final String[] COMPANIES = {
    "Acme Corp", "Globex", "Initech", "Umbrella", "Stark Industries", "Wayne Enterprises", "Hooli",
    "Vandelay Industries", "Soylent", "Tyrell Corporation", "Wonka Industries", "Cyberdyne Systems"
  };
  static final String[] DOMAINS = {"example.com", "example.org", "example.net", "mail.example"};
  static final String[] VERBS = {
    "Cannot", "Unable to", "How do I", "Error when trying to", "Slow to", "Failed to", "Need help to", "Timeout when I"
  };
  static final String[] OBJECTS = {
    "export invoices", "reset my password", "sync contacts", "upload attachments", "change billing plan",
    "connect the Slack app", "download the report", "invite a teammate", "merge duplicate accounts", "log in"
  };
  static final String[] CONTEXTS = {
    "on mobile", "since the last update", "from the dashboard", "via the API", "in Safari", "after SSO login",
    "for EU workspace", "on Windows", "with 2FA enabled", "in bulk"
  };
  static final String[] TAGS = {
    "billing", "bug", "vip", "mobile", "api", "refund", "onboarding", "churn_risk", "feature_request", "sso"
  };
  static final String[] CUSTOMER_TIERS = {"tier_free", "tier_starter", "tier_pro", "tier_enterprise"};
  static final String[] REGIONS = {"EU", "US", "APAC", "LATAM"};
  static final String[] LIFECYCLE_STAGES = {
    "subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist",
    "other"
  };
  static final String[] LOGINS = {
    "octocat", "hubot", "monalisa", "defunkt", "mojombo", "pjhyett", "wycats", "ezmobius", "ivey", "evanphx"
  };
  static final String[][] LABELS = {
    {"bug", "d73a4a"}, {"enhancement", "a2eeef"}, {"documentation", "0075ca"}, {"good first issue", "7057ff"},
    {"question", "d876e3"}, {"wontfix", "ffffff"}, {"help wanted", "008672"}
  };

  private Vocabulary() {}
}

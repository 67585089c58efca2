package io.forewarn.notifier.channel.ticket;

import io.forewarn.common.config.ConfigReader;
import io.forewarn.common.config.Secrets;
import io.forewarn.notifier.channel.RateLimit;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Zendesk Support settings. Tickets are filed in the name of {@code requesterName} /
 * {@code requesterEmail} (an operations mailbox), not the customer, so Zendesk never emails
 * customers behind our back: customer outreach is ours, with quiet hours and caps.
 *
 * @param baseUrl {@code https://<subdomain>.zendesk.com}
 * @param webhookSecret signing secret of the Zendesk webhook that calls us, or {@code null}
 */
public record ZendeskConfig(URI baseUrl, String email, String apiToken, String requesterName, String requesterEmail,
    List<String> tags, String webhookSecret, Duration timeout, Duration defaultRetryAfter, RateLimit rateLimit) {

  public ZendeskConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(defaultRetryAfter, "defaultRetryAfter");
    Objects.requireNonNull(rateLimit, "rateLimit");
    tags = List.copyOf(tags);
    if (email == null || !email.contains("@") || apiToken == null || apiToken.isBlank()) {
      throw new IllegalArgumentException("an agent email and an API token are required");
    }
    if (requesterName == null || requesterName.isBlank() || requesterEmail == null || !requesterEmail.contains("@")) {
      throw new IllegalArgumentException("a requester name and email are required");
    }
  }

  /** Basic auth user for API tokens: {@code email/token}. */
  public String basicUser() {
    return email + "/token";
  }

  public String apiUrl(String path) {
    return baseUrl.toString().replaceAll("/+$", "") + path;
  }

  @Override
  public String toString() {
    return "ZendeskConfig[baseUrl=" + baseUrl + ", email=" + email + ", apiToken=" + Secrets.mask(apiToken)
        + ", requester=" + requesterName + " <" + requesterEmail + ">, tags=" + tags
        + ", webhookSecret=" + Secrets.mask(webhookSecret) + ", timeout=" + timeout + ", rateLimit=" + rateLimit + "]";
  }

  /** Zendesk is optional: absent unless {@code FOREWARN_NOTIFIER_ZENDESK_URL} is set. */
  public static Optional<ZendeskConfig> read(ConfigReader r) {
    String p = "FOREWARN_NOTIFIER_ZENDESK";
    if (r.string(p + "_URL", null) == null) {
      return Optional.empty();
    }
    URI base = r.uri(p + "_URL", null, Set.of("https", "http"));
    String email = r.required(p + "_EMAIL", "agent@example.zendesk.com");
    String token = r.required(p + "_API_TOKEN", "your Zendesk API token");
    String requesterName = r.string(p + "_REQUESTER_NAME", "Forewarn");
    String requesterEmail = r.required(p + "_REQUESTER_EMAIL", "forewarn@ops.example.com");
    List<String> tags = List.of(r.string(p + "_TAGS", "forewarn,proactive").split("\\s*,\\s*"));
    String secret = r.string(p + "_WEBHOOK_SECRET", null);
    Duration timeout = r.duration(p + "_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(100),
        Duration.ofMinutes(2));
    Duration retry = r.duration(p + "_RETRY_AFTER", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1));
    RateLimit rate = RateLimit.read(r, p, new RateLimit(400, 20));
    try {
      return Optional.of(new ZendeskConfig(base, email, token, requesterName, requesterEmail, tags, secret,
          timeout, retry, rate));
    } catch (IllegalArgumentException | NullPointerException e) {
      r.check(false, "Zendesk settings (" + p + "_*): " + e.getMessage());
      return Optional.empty();
    }
  }
}

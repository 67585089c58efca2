package io.forewarn.notifier.channel.webhook;

import io.forewarn.common.config.ConfigReader;
import io.forewarn.common.config.Secrets;
import io.forewarn.notifier.channel.RateLimit;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A helpdesk reached through a signed webhook (Standard Webhooks 1.0). */
public record WebhookConfig(URI url, String secret, Duration timeout, Duration defaultRetryAfter, RateLimit rateLimit) {
  public WebhookConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(defaultRetryAfter, "defaultRetryAfter");
    Objects.requireNonNull(rateLimit, "rateLimit");
    new StandardWebhook(secret); // validates the secret's format
  }

  @Override
  public String toString() {
    return "WebhookConfig[url=" + Secrets.maskUri(url.toString()) + ", secret=" + Secrets.mask(secret)
        + ", timeout=" + timeout + ", rateLimit=" + rateLimit + "]";
  }

  /** Optional: absent unless {@code FOREWARN_NOTIFIER_WEBHOOK_URL} is set. */
  public static Optional<WebhookConfig> read(ConfigReader r) {
    String p = "FOREWARN_NOTIFIER_WEBHOOK";
    if (r.string(p + "_URL", null) == null) {
      return Optional.empty();
    }
    URI url = r.uri(p + "_URL", null, Set.of("https", "http"));
    String secret = r.required(p + "_SECRET", "whsec_<base64 key>");
    Duration timeout = r.duration(p + "_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(100),
        Duration.ofMinutes(2));
    Duration retry = r.duration(p + "_RETRY_AFTER", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1));
    RateLimit rate = RateLimit.read(r, p, new RateLimit(600, 20));
    try {
      return Optional.of(new WebhookConfig(url, secret, timeout, retry, rate));
    } catch (IllegalArgumentException | NullPointerException e) {
      r.check(false, "webhook settings (" + p + "_*): " + e.getMessage());
      return Optional.empty();
    }
  }
}

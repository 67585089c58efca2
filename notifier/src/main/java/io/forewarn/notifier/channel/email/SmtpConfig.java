package io.forewarn.notifier.channel.email;

import io.forewarn.common.config.ConfigReader;
import io.forewarn.common.config.Secrets;
import io.forewarn.notifier.channel.RateLimit;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * SMTP submission settings.
 *
 * @param tls NONE (only for a local relay), STARTTLS (port 587) or SMTPS (implicit TLS, port 465)
 * @param username {@code null} for a relay without authentication
 */
public record SmtpConfig(String host, int port, Tls tls, String username, String password, String fromAddress,
    String fromName, Duration timeout, Duration defaultRetryAfter, RateLimit rateLimit) {

  public enum Tls { NONE, STARTTLS, SMTPS }

  public SmtpConfig {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(defaultRetryAfter, "defaultRetryAfter");
    Objects.requireNonNull(rateLimit, "rateLimit");
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("SMTP host is required");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SMTP port must be 1..65535, was " + port);
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("SMTP username and password go together");
    }
    if (fromAddress == null || !fromAddress.contains("@")) {
      throw new IllegalArgumentException("a sender address is required");
    }
  }

  @Override
  public String toString() {
    return "SmtpConfig[" + host + ":" + port + ", tls=" + tls + ", username=" + username + ", password="
        + Secrets.mask(password) + ", from=" + fromName + " <" + fromAddress + ">, timeout=" + timeout
        + ", rateLimit=" + rateLimit + "]";
  }

  /** Email is optional: absent unless {@code FOREWARN_NOTIFIER_SMTP_HOST} is set. */
  public static Optional<SmtpConfig> read(ConfigReader r, String defaultFromName) {
    String p = "FOREWARN_NOTIFIER_SMTP";
    String host = r.string(p + "_HOST", null);
    if (host == null) {
      return Optional.empty();
    }
    Tls tls = r.choice(p + "_TLS", Tls.class, Tls.STARTTLS);
    int port = r.integer(p + "_PORT", tls == Tls.SMTPS ? 465 : 587, 1, 65535);
    String username = r.string(p + "_USERNAME", null);
    String password = r.string(p + "_PASSWORD", null);
    String from = r.required(p + "_FROM", "care@example.com");
    String fromName = r.string(p + "_FROM_NAME", defaultFromName);
    Duration timeout = r.duration(p + "_TIMEOUT", Duration.ofSeconds(20), Duration.ofMillis(100),
        Duration.ofMinutes(5));
    Duration retry = r.duration(p + "_RETRY_AFTER", Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(1));
    RateLimit rate = RateLimit.read(r, p, new RateLimit(120, 10));
    try {
      return Optional.of(new SmtpConfig(host, port, tls, username, password, from, fromName, timeout, retry, rate));
    } catch (IllegalArgumentException | NullPointerException e) {
      r.check(false, "SMTP settings (" + p + "_*): " + e.getMessage());
      return Optional.empty();
    }
  }
}

package io.forewarn.notifier.channel.sms;

import io.forewarn.common.config.ConfigReader;
import io.forewarn.common.config.Secrets;
import io.forewarn.notifier.channel.RateLimit;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio Messaging settings. REST calls authenticate with an API key (recommended) or with the
 * Account SID and Auth Token; webhook signatures are always made with the Auth Token.
 *
 * @param from sender number, or {@code null} when {@code messagingServiceSid} is used
 * @param statusCallback where Twilio reports delivery status, or {@code null}
 */
public record TwilioConfig(URI apiBase, String accountSid, String authToken, String apiKeySid, String apiKeySecret,
    String from, String messagingServiceSid, URI statusCallback, Duration timeout, Duration defaultRetryAfter,
    RateLimit rateLimit) {

  public static final URI DEFAULT_API_BASE = URI.create("https://api.twilio.com");

  public TwilioConfig {
    Objects.requireNonNull(apiBase, "apiBase");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(defaultRetryAfter, "defaultRetryAfter");
    Objects.requireNonNull(rateLimit, "rateLimit");
    if (accountSid == null || !accountSid.matches("AC[0-9a-fA-F]{32}")) {
      throw new IllegalArgumentException("account SID must be AC followed by 32 hex digits");
    }
    if (authToken == null || authToken.isBlank()) {
      throw new IllegalArgumentException("auth token is required (it signs Twilio's webhooks)");
    }
    if ((apiKeySid == null) != (apiKeySecret == null)) {
      throw new IllegalArgumentException("API key SID and secret go together");
    }
    if ((from == null) == (messagingServiceSid == null)) {
      throw new IllegalArgumentException("set exactly one of the sender number and the messaging service SID");
    }
    if (statusCallback != null && (statusCallback.getHost() == null || statusCallback.getHost().contains("_"))) {
      // Twilio rejects callback hosts with underscores.
      throw new IllegalArgumentException("status callback needs a valid host name without '_': " + statusCallback);
    }
  }

  public String basicUser() {
    return apiKeySid != null ? apiKeySid : accountSid;
  }

  public String basicPassword() {
    return apiKeySecret != null ? apiKeySecret : authToken;
  }

  public URI messagesUri() {
    String base = apiBase.toString().replaceAll("/+$", "");
    return URI.create(base + "/2010-04-01/Accounts/" + accountSid + "/Messages.json");
  }

  @Override
  public String toString() {
    return "TwilioConfig[apiBase=" + apiBase + ", accountSid=" + accountSid + ", authToken=" + Secrets.mask(authToken)
        + ", apiKeySid=" + apiKeySid + ", apiKeySecret=" + Secrets.mask(apiKeySecret) + ", from=" + from
        + ", messagingServiceSid=" + messagingServiceSid + ", statusCallback=" + statusCallback
        + ", timeout=" + timeout + ", rateLimit=" + rateLimit + "]";
  }

  /** Twilio is optional: absent unless {@code FOREWARN_NOTIFIER_TWILIO_ACCOUNT_SID} is set. */
  public static Optional<TwilioConfig> read(ConfigReader r) {
    String p = "FOREWARN_NOTIFIER_TWILIO";
    String accountSid = r.string(p + "_ACCOUNT_SID", null);
    if (accountSid == null) {
      return Optional.empty();
    }
    URI base = r.uri(p + "_BASE_URL", DEFAULT_API_BASE.toString(), Set.of("https", "http"));
    String token = r.required(p + "_AUTH_TOKEN", "your Twilio auth token");
    String keySid = r.string(p + "_API_KEY_SID", null);
    String keySecret = r.string(p + "_API_KEY_SECRET", null);
    String from = r.string(p + "_FROM", null);
    String service = r.string(p + "_MESSAGING_SERVICE_SID", null);
    String callback = r.string(p + "_STATUS_CALLBACK", null);
    URI callbackUri = callback == null ? null : r.uri(p + "_STATUS_CALLBACK", callback, Set.of("https", "http"));
    Duration timeout = r.duration(p + "_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(100),
        Duration.ofMinutes(2));
    Duration retry = r.duration(p + "_RETRY_AFTER", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1));
    RateLimit rate = RateLimit.read(r, p, new RateLimit(60, 5));
    try {
      return Optional.of(new TwilioConfig(base, accountSid, token, keySid, keySecret, from, service, callbackUri,
          timeout, retry, rate));
    } catch (IllegalArgumentException | NullPointerException e) {
      r.check(false, "Twilio settings (" + p + "_*): " + e.getMessage());
      return Optional.empty();
    }
  }
}

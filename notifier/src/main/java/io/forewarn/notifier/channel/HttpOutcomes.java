package io.forewarn.notifier.channel;

import io.forewarn.notifier.channel.DeliveryResult.RetryLater;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The retry rules every HTTP connector shares: which statuses are worth retrying, how to read
 * Retry-After (seconds or an HTTP date), and how to turn a network failure into a result that
 * says whether the request may already have been processed.
 */
public final class HttpOutcomes {
  private static final Logger LOG = LoggerFactory.getLogger(HttpOutcomes.class);

  /** A Retry-After beyond this is treated as this: a provider bug must not park a message for weeks. */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(6);
  /** Vert.x's HTTP client: "The timeout of N ms has been exceeded when getting a connection to host:port". */
  static final String POOL_WAIT_MESSAGE = "has been exceeded when getting a connection";

  private final Clock clock;
  private final Duration defaultRetryAfter;

  public HttpOutcomes(Clock clock, Duration defaultRetryAfter) {
    this.clock = clock;
    this.defaultRetryAfter = defaultRetryAfter;
  }

  /** 408 (request timeout), 429 (too many requests) and every 5xx. */
  public static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  public RetryLater retryLater(int status, String retryAfterHeader, String detail) {
    // A 5xx after the request arrived may or may not have been processed; 408/429 were not.
    return new RetryLater(retryAfter(retryAfterHeader), "HTTP " + status + ": " + detail, status >= 500);
  }

  /** Delta-seconds or an HTTP-date; anything unreadable, negative or absent gives the default. */
  public Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return defaultRetryAfter;
    }
    String value = header.strip();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? defaultRetryAfter : cap(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return wait.isNegative() ? Duration.ZERO : cap(wait);
      } catch (DateTimeParseException notDate) {
        return defaultRetryAfter;
      }
    }
  }

  /**
   * The end every HTTP connector shares: a reply is classified by the connector; a failure with no
   * reply (timeout, reset, refused, DNS) becomes a {@link RetryLater}, logged with {@code context}.
   */
  public Future<DeliveryResult> settle(Future<HttpResponse<Buffer>> reply,
      Function<HttpResponse<Buffer>, DeliveryResult> classify, String context) {
    return reply.map(classify).otherwise(failure -> {
      RetryLater result = fromFailure(failure);
      LOG.warn("{} failed: {}", context, result);
      return result;
    });
  }

  /**
   * A request that failed below HTTP. If no connection was made the provider cannot have seen
   * it; a timeout or reset afterwards leaves that open. Waiting in the client's own pool for a
   * connection counts as never connected: Vert.x reports it only by its message (the fault suite
   * saw such waits classified "possibly delivered", which left rows `unknown` and customers untold).
   */
  public RetryLater fromFailure(Throwable failure) {
    boolean neverConnected = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || isPoolWait(t)) {
        neverConnected = true;
        break;
      }
    }
    String what = failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    return new RetryLater(defaultRetryAfter, (neverConnected ? "no connection: " : "no reply: ") + what,
        !neverConnected);
  }

  private static boolean isPoolWait(Throwable t) {
    return t.getMessage() != null && t.getMessage().contains(POOL_WAIT_MESSAGE);
  }

  public RetryLater malformedReply(int status, String detail) {
    return new RetryLater(defaultRetryAfter, "HTTP " + status + " with an unreadable reply: " + detail, true);
  }

  private static Duration cap(Duration wait) {
    return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
  }
}

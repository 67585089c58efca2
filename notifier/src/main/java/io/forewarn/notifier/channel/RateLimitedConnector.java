package io.forewarn.notifier.channel;

import io.vertx.core.Future;

/**
 * Puts a {@link TokenBucket} in front of a connector. Without a token the message is not sent
 * and the result is a {@link DeliveryResult.RetryLater} for when one will be there, so the
 * delivery loop treats our own limit exactly like a provider's 429.
 */
public final class RateLimitedConnector<M> implements Connector<M> {
  private final Connector<M> delegate;
  private final TokenBucket bucket;

  public RateLimitedConnector(Connector<M> delegate, TokenBucket bucket) {
    this.delegate = delegate;
    this.bucket = bucket;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Future<DeliveryResult> send(M message) {
    if (bucket.tryAcquire()) {
      return delegate.send(message);
    }
    return Future.succeededFuture(new DeliveryResult.RetryLater(bucket.timeUntilAvailable(),
        "local rate limit for " + delegate.name(), false));
  }
}

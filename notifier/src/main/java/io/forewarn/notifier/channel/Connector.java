package io.forewarn.notifier.channel;

import io.vertx.core.Future;

/**
 * One outbound provider (Twilio, Zendesk, SMTP, a webhook). {@link #send} never fails its
 * future for provider or network trouble: every outcome is a {@link DeliveryResult}, so the
 * delivery loop decides with one exhaustive switch whether to record, retry or fall back.
 */
public interface Connector<M> {
  /** Short, stable name for logs and metrics tags, e.g. {@code twilio}. */
  String name();

  Future<DeliveryResult> send(M message);
}

package io.forewarn.gateway.ingest;

import io.vertx.core.Future;
import io.vertx.core.Handler;

/** The broker side of ingest: delivers messages and takes acknowledgements. */
public interface TelemetrySource {

  /**
   * Starts connecting (retrying until the broker is there) and delivers every message to
   * {@code handler} on the Vert.x context that called this method.
   */
  Future<Void> start(Handler<InboundMessage> handler);

  /** Acknowledges a message whose data is committed. Ignored when its connection is gone. */
  void acknowledge(InboundMessage message);

  boolean isConnected();

  /** Disconnects without acknowledging anything further; the broker keeps the rest. */
  Future<Void> stop();
}

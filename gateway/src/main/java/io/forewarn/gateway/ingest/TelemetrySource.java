package io.forewarn.gateway.ingest;

import io.vertx.core.Future;

/** The broker side of ingest: delivers messages and takes acknowledgements. */
public interface TelemetrySource {

  /** What the source hands to ingest, always on the Vert.x context that called {@link #start}. */
  interface Consumer {
    void message(InboundMessage message);

    /**
     * The broker resumed our session after a lost connection and redelivers every QoS 1 message we
     * had not acknowledged: the copies of such messages received on connections before
     * {@code epoch} ({@link InboundMessage#sessionEpoch()} lower) are redundant and may be dropped.
     */
    void sessionResumed(long epoch);
  }

  /** Starts connecting (retrying until the broker is there, and after every lost connection). */
  Future<Void> start(Consumer consumer);

  /**
   * Done with a message: its data is committed, or it is a copy the broker resends. Called once for
   * every message delivered, it frees the message's place among those held; the PUBACK is sent
   * only on the connection the message came on, if that is still up.
   */
  void acknowledge(InboundMessage message);

  boolean isConnected();

  /** Disconnects without acknowledging anything further; the broker keeps the rest. */
  Future<Void> stop();
}

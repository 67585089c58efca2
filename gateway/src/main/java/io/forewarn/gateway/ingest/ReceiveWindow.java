package io.forewarn.gateway.ingest;

/**
 * Unacknowledged QoS 1 messages on the current connection. The broker must not send more than our
 * receive maximum of them; a broker that does would fill the gateway's memory, so past
 * {@code tolerance} the source disconnects with reason "Receive Maximum exceeded" (MQTT 5, 0x93)
 * and the resumed session brings the messages back within the window. The tolerance is above the
 * receive maximum because Mosquitto 2.0 overshoots it a little (10 982 held with 10 000 measured).
 */
final class ReceiveWindow {
  private final int tolerance;
  private long connection = -1; // guarded by this
  private int unacknowledged; // guarded by this

  ReceiveWindow(int tolerance) {
    if (tolerance < 1) {
      throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
    }
    this.tolerance = tolerance;
  }

  /** A new connection: nothing of it is unacknowledged yet. */
  synchronized void connected(long epoch) {
    connection = epoch;
    unacknowledged = 0;
  }

  /** @return false for the one message that takes the connection past the tolerance */
  synchronized boolean received(long epoch) {
    return epoch != connection || ++unacknowledged != tolerance + 1;
  }

  /** A message's PUBACK went out on its connection. */
  synchronized void acknowledged(long epoch) {
    if (epoch == connection && unacknowledged > 0) {
      unacknowledged--;
    }
  }

  synchronized int unacknowledged() {
    return unacknowledged;
  }
}

package io.forewarn.gateway.ingest;

import java.time.Duration;

/**
 * Counts the messages the gateway holds (received, not yet done with) and keeps that count bounded
 * whatever the broker does. The receive maximum is meant to bound it, but Mosquitto 2.0 with
 * unlimited queues ({@code max_queued_messages 0}, which no-loss needs) sends several times more
 * than the receive maximum while acknowledgements flow under load (measured: 44 000 to 69 000 held
 * for 10 000 at 32 000 msg/s; a million in an overloaded step, which exhausted the heap). At
 * {@code limit} the broker's reader thread waits in {@link #take()} — the socket is not read, TCP
 * pushes back on the broker, which keeps the rest — until the count is back at {@code resumeAt}, or
 * the connection is lost: Paho cannot reconnect while its callback thread is busy, and does not
 * interrupt that thread itself.
 */
final class HoldLimit {
  private final int limit;
  private final int resumeAt;
  private int held; // guarded by this
  private boolean enforced = true; // guarded by this
  private long connectionsLost; // guarded by this

  HoldLimit(int limit, int resumeAt) {
    if (resumeAt < 0 || resumeAt >= limit) {
      throw new IllegalArgumentException("need 0 <= resumeAt < limit, got " + resumeAt + " and " + limit);
    }
    this.limit = limit;
    this.resumeAt = resumeAt;
  }

  /**
   * Counts one more held message, first waiting while the limit is reached. A lost connection or
   * an interrupt ends the wait: the message is counted anyway, since it is already in memory and
   * storing it is harmless (so each connection lost while waiting may add one message over the
   * limit).
   *
   * @return how long the caller waited, {@link Duration#ZERO} when it did not
   */
  synchronized Duration take() {
    long started = 0;
    if (enforced && held >= limit) {
      started = System.nanoTime();
      long waitingOn = connectionsLost;
      while (enforced && held > resumeAt && connectionsLost == waitingOn) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    held++;
    return started == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
  }

  /** One held message is done with: stored and acknowledged, or left to the broker to resend. */
  synchronized void release() {
    if (held > 0) {
      held--;
    }
    if (held <= resumeAt) {
      notifyAll();
    }
  }

  synchronized int held() {
    return held;
  }

  int limit() {
    return limit;
  }

  /** The connection the waiting reader reads from is gone: it stops waiting, so Paho can reconnect. */
  synchronized void connectionLost() {
    connectionsLost++;
    notifyAll();
  }

  /** Stopping: nobody waits any more. */
  synchronized void stopEnforcing() {
    enforced = false;
    notifyAll();
  }
}

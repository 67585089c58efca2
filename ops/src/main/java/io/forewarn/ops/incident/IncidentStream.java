package io.forewarn.ops.incident;

import io.forewarn.ops.auth.Caller;
import io.forewarn.ops.http.Api;
import io.forewarn.ops.http.ApiProblem;
import io.forewarn.ops.metrics.OpsMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events of incident changes for one tenant: each connection polls the {@link ChangeFeed}
 * on a worker (changes in commit order) and pushes {@code event: incident} with the incident as JSON.
 * A comment line every heartbeat keeps proxies from closing an idle stream.
 */
public final class IncidentStream {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentStream.class);
  private static final int BATCH = 200;
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final ChangeFeed feed;
  private final OpsMetrics metrics;
  private final Duration poll;
  private final int maxStreams;
  private final AtomicInteger open = new AtomicInteger();

  public IncidentStream(Vertx vertx, ChangeFeed feed, OpsMetrics metrics, Duration poll, int maxStreams) {
    this.vertx = vertx;
    this.feed = feed;
    this.metrics = metrics;
    this.poll = poll;
    this.maxStreams = maxStreams;
  }

  public void open(RoutingContext ctx) {
    Caller who = Api.caller(ctx);
    if (open.incrementAndGet() > maxStreams) {
      open.decrementAndGet();
      Api.error(ctx, new ApiProblem(503, "too_many_streams", "the live stream is at its limit of " + maxStreams
          + " connections; try again later", List.of()));
      return;
    }
    feed.start().onComplete(ar -> {
      if (ar.failed()) {
        open.decrementAndGet();
        Api.fail(ctx, ar.cause());
        return;
      }
      HttpServerResponse response = ctx.response();
      response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache")
          .putHeader("X-Accel-Buffering", "no");
      response.write(": connected\n\n");
      metrics.streamOpened();
      new Connection(who.tenantId(), response, ar.result()).start();
    });
  }

  /** One open stream. Only its own timers touch its fields, all on the same event loop. */
  private final class Connection {
    private final int tenantId;
    private final HttpServerResponse response;
    private ChangeFeed.Position position;
    private long pollTimer;
    private long heartbeatTimer;
    private boolean busy;
    private boolean closed;

    Connection(int tenantId, HttpServerResponse response, ChangeFeed.Position position) {
      this.tenantId = tenantId;
      this.response = response;
      this.position = position;
    }

    void start() {
      response.closeHandler(v -> close());
      response.exceptionHandler(e -> close());
      pollTimer = vertx.setPeriodic(poll.toMillis(), id -> tick());
      heartbeatTimer = vertx.setPeriodic(HEARTBEAT.toMillis(), id -> {
        if (!closed) {
          response.write(": heartbeat\n\n");
        }
      });
    }

    private void tick() {
      // One query at a time per stream, and none while the client is not reading.
      if (busy || closed || response.writeQueueFull()) {
        return;
      }
      busy = true;
      feed.next(tenantId, position, BATCH).onComplete(ar -> {
        busy = false;
        if (closed) {
          return;
        }
        if (ar.failed()) {
          LOG.warn("live stream poll failed (will retry): {}", ar.cause().toString());
          return;
        }
        position = ar.result().next();
        JsonArray changes = ar.result().items();
        for (Object o : changes) {
          JsonObject incident = (JsonObject) o;
          response.write(
              "id: " + incident.getLong("change_seq") + "\nevent: incident\ndata: " + incident.encode() + "\n\n");
        }
        metrics.eventsPushed(changes.size());
      });
    }

    private void close() {
      if (closed) {
        return;
      }
      closed = true;
      vertx.cancelTimer(pollTimer);
      vertx.cancelTimer(heartbeatTimer);
      open.decrementAndGet();
      metrics.streamClosed();
    }
  }
}

package io.forewarn.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.telemetry.PayloadLimits;
import io.forewarn.common.telemetry.TelemetryDecoder;
import io.forewarn.gateway.metrics.GatewayMetrics;
import io.forewarn.gateway.store.PendingMessage;
import io.forewarn.gateway.store.TelemetryStore;
import io.forewarn.gateway.store.WriteResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class IngestVerticleTest {
  private Vertx vertx;
  private FakeSource source;
  private FakeStore store;
  private final AtomicBoolean fatal = new AtomicBoolean();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    source = new FakeSource();
    store = new FakeStore();
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  private void deploy(int batchSize, int fatalAfter) {
    IngestVerticle verticle = new IngestVerticle(source, new TelemetryDecoder(PayloadLimits.DEFAULTS), store,
        GatewayMetrics.NOOP, new BatchSettings(batchSize, Duration.ofMillis(20), Duration.ofMillis(200), fatalAfter),
        () -> fatal.set(true));
    vertx.deployVerticle(verticle).await();
  }

  @Test
  void acknowledges_only_after_the_batch_committed() throws Exception {
    // GIVEN a store that has not committed yet
    deploy(100, 5);
    Promise<WriteResult> commit = Promise.promise();
    store.next.add(commit);
    // WHEN three messages (one of them malformed) arrive and the batch is written
    source.deliver(1, "{\"metrics\":{\"a\":1}}");
    source.deliver(2, "not json");
    source.deliver(3, "{\"metrics\":{\"a\":3}}");
    eventually(() -> assertThat(store.batches).hasSize(1));
    // THEN nothing is acknowledged before the commit, and all three after it
    assertThat(source.acked).isEmpty();
    vertx.runOnContext(v -> commit.complete(new WriteResult.Stored(1, 3, 2, 0, 1)));
    eventually(() -> assertThat(source.acked).containsExactly(1, 2, 3));
  }

  @Test
  void drops_copies_waiting_from_a_lost_connection_when_the_broker_resumes_the_session() throws Exception {
    // GIVEN a batch of one being written (connection 1) and three more messages of connection 1
    // waiting behind it, one of them QoS 0
    deploy(1, 5);
    Promise<WriteResult> commit = Promise.promise();
    store.next.add(commit);
    source.deliver(1, reading(1));
    eventually(() -> assertThat(store.batches).hasSize(1));
    source.deliver(2, reading(2));
    source.deliver(3, reading(3));
    source.deliver(0, reading(0), 0, 1);
    // WHEN the connection was lost and the broker resumed the session on connection 3, resending 2 and 3
    source.resumeSession(2);
    source.deliver(2, reading(2), 1, 3);
    source.deliver(3, reading(3), 1, 3);
    // (on the source's context, so the commit comes after all of the above)
    source.context.runOnContext(v -> commit.complete(new WriteResult.Stored(1, 1, 1, 0, 1)));
    // THEN the batch in flight completes, the QoS 0 message (never resent) is kept, and each resent
    // message is written once, from connection 3
    eventually(() -> assertThat(store.batches).hasSize(4));
    Thread.sleep(100);
    assertThat(store.batches).hasSize(4);
    assertThat(store.batches.stream().flatMap(List::stream).map(m -> new String(m.payload(), StandardCharsets.UTF_8)))
        .containsExactly(reading(1), reading(0), reading(2), reading(3));
  }

  @Test
  void holds_the_batch_and_retries_it_while_the_database_is_unavailable() throws Exception {
    // GIVEN a database that fails twice, then works
    deploy(100, 5);
    store.script(new WriteResult.Unavailable("down", null), new WriteResult.Unavailable("down", null));
    // WHEN a message arrives
    source.deliver(7, "{\"metrics\":{\"a\":1}}");
    // THEN the same batch is written three times and acknowledged once, after the success
    eventually(() -> assertThat(store.batches).hasSize(3));
    eventually(() -> assertThat(source.acked).containsExactly(7));
    assertThat(store.batches).allSatisfy(b -> assertThat(b).hasSize(1));
    assertThat(fatal).isFalse();
  }

  @Test
  void writes_one_batch_at_a_time_bounded_by_the_batch_size() throws Exception {
    // GIVEN batches of at most 2 and a slow first commit
    deploy(2, 5);
    Promise<WriteResult> slow = Promise.promise();
    store.next.add(slow);
    // WHEN five messages arrive
    for (int i = 1; i <= 5; i++) {
      source.deliver(i, "{\"metrics\":{\"a\":" + i + "}}");
    }
    eventually(() -> assertThat(store.batches).hasSize(1));
    Thread.sleep(100);
    // THEN no second write starts before the first commits
    assertThat(store.batches).hasSize(1);
    vertx.runOnContext(v -> slow.complete(new WriteResult.Stored(1, 2, 2, 0, 0)));
    // AND all five are written in batches of at most two, acknowledged in arrival order
    eventually(() -> assertThat(source.acked).containsExactly(1, 2, 3, 4, 5));
    assertThat(store.batches).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(2));
  }

  @Test
  void stops_after_persistent_setup_failures_without_acknowledging() throws Exception {
    // GIVEN a database that refuses our credentials every time
    deploy(100, 3);
    for (int i = 0; i < 10; i++) {
      store.script(new WriteResult.Broken("[28P01] password authentication failed", null));
    }
    // WHEN a message arrives
    source.deliver(1, "{\"metrics\":{\"a\":1}}");
    // THEN the gateway gives up after 3 attempts and nothing was acknowledged
    eventually(() -> assertThat(fatal).isTrue());
    assertThat(store.batches).hasSize(3);
    assertThat(source.acked).isEmpty();
  }

  @Test
  void graceful_stop_writes_and_acknowledges_what_it_holds() throws Exception {
    deploy(1_000, 5);
    source.deliver(1, "{\"metrics\":{\"a\":1}}");
    source.deliver(2, "{\"metrics\":{\"a\":2}}");
    vertx.undeploy(vertx.deploymentIDs().iterator().next()).await();
    assertThat(source.acked).containsExactly(1, 2);
    assertThat(source.stopped).isTrue();
  }

  private static String reading(int a) {
    return "{\"metrics\":{\"a\":" + a + "}}";
  }

  private static void eventually(Runnable assertion) throws InterruptedException {
    AssertionError last = null;
    for (int i = 0; i < 500; i++) { // up to 10 s: CI machines are shared
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        last = e;
        Thread.sleep(20);
      }
    }
    throw last;
  }

  /** The broker seam: records acknowledgements. */
  private final class FakeSource implements TelemetrySource {
    final List<Integer> acked = new CopyOnWriteArrayList<>();
    volatile boolean stopped;
    private Consumer consumer;
    private io.vertx.core.Context context;

    @Override
    public Future<Void> start(Consumer c) {
      consumer = c;
      context = vertx.getOrCreateContext();
      return Future.succeededFuture();
    }

    void deliver(int id, String payload) {
      deliver(id, payload, 1, 1);
    }

    void deliver(int id, String payload, int qos, long epoch) {
      InboundMessage m = new InboundMessage("devices/d1/telemetry", payload.getBytes(StandardCharsets.UTF_8), id, qos,
          false, Instant.now(), epoch);
      context.runOnContext(v -> consumer.message(m));
    }

    void resumeSession(long epoch) {
      context.runOnContext(v -> consumer.sessionResumed(epoch));
    }

    @Override
    public void acknowledge(InboundMessage message) {
      acked.add(message.messageId());
    }

    @Override
    public boolean isConnected() {
      return true;
    }

    @Override
    public Future<Void> stop() {
      stopped = true;
      return Future.succeededFuture();
    }
  }

  /** The database seam: scripted results; commits immediately unless told otherwise. */
  private static final class FakeStore implements TelemetryStore {
    final List<List<PendingMessage>> batches = new CopyOnWriteArrayList<>();
    final List<Promise<WriteResult>> next = new CopyOnWriteArrayList<>();

    void script(WriteResult... results) {
      for (WriteResult r : results) {
        Promise<WriteResult> p = Promise.promise();
        p.complete(r);
        next.add(p);
      }
    }

    @Override
    public Future<WriteResult> write(List<PendingMessage> batch) {
      batches.add(List.copyOf(batch));
      if (!next.isEmpty()) {
        return next.removeFirst().future();
      }
      return Future.succeededFuture(new WriteResult.Stored(batches.size(), batch.size(), batch.size(), 0, 0));
    }

    @Override
    public boolean isAvailable() {
      return true;
    }
  }
}

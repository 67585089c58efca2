package io.forewarn.ops.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live stream hands out every committed incident change exactly once, whatever order the
 * writers commit in: a change numbered before another but committed after it is not skipped.
 */
class LiveStreamOrderIT {
  private static final String FIRST = "numbered first, committed last";
  private static final String LAST = "numbered last, committed first";
  private static OpsFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new OpsFixture("ops_stream");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void aChangeNumberedEarlierButCommittedLaterStillReachesAnOpenStream() throws Exception {
    try (SseClient sse = SseClient.open(f.base + "/api/incidents/stream", f.tokens.get("acme.viewer"));
        Connection early = f.db.connect(); Connection late = f.db.connect()) {
      early.setAutoCommit(false);
      late.setAutoCommit(false);
      // GIVEN a transaction that numbers its incident change first and does not commit yet
      exec(early, "UPDATE incidents SET summary = '" + FIRST + "' WHERE id = " + f.id("acme.incident"));
      // AND one that numbers a change after it and commits at once
      exec(late, "UPDATE incidents SET summary = '" + LAST + "' WHERE id = " + f.id("acme.incident2"));
      late.commit();
      // WHEN the stream has handed out the later-numbered change
      assertThat(sse.next(Duration.ofSeconds(10)).getString("summary")).isEqualTo(LAST);
      // AND the earlier-numbered one commits after it
      early.commit();
      // THEN that change reaches the stream too
      assertThat(sse.next(Duration.ofSeconds(10)).getString("summary")).isEqualTo(FIRST);
      // AND each was sent once
      Thread.sleep(1000);
      assertThat(sse.received().split("event: incident", -1)).hasSize(3);
    }
    // (the race really happened: the change committed last carries the lower number)
    assertThat(f.db.queryLong("SELECT change_seq FROM incidents WHERE id = " + f.id("acme.incident")))
        .isLessThan(f.db.queryLong("SELECT change_seq FROM incidents WHERE id = " + f.id("acme.incident2")));
  }

  @Test
  void changesOfOneCommitBeyondAPageAreEachHandedOutOnce() throws Exception {
    try (SseClient sse = SseClient.open(f.base + "/api/incidents/stream", f.tokens.get("acme.viewer"))) {
      // WHEN one transaction opens 450 incidents on an acme device (a stream page holds 200)
      f.db.exec(
          "INSERT INTO incidents (fingerprint, kind, rule_id, scope_type, scope_value, device_id, state, severity,"
              + " summary, summary_key, opened_at, updated_at) SELECT 'bulk-' || g, 'device_problem', 'r', 'device', '"
              + f.id("acme.device") + "', " + f.id("acme.device")
              + ", 'firing', 'high', 'bulk ' || g, 'k', now(), now()"
              + " FROM generate_series(1, 450) g");
      // THEN the stream hands out every one of them, each once
      java.util.Set<Long> ids = new java.util.HashSet<>();
      for (int i = 0; i < 450; i++) {
        assertThat(ids.add(sse.next(Duration.ofSeconds(10)).getLong("id"))).isTrue();
      }
      Thread.sleep(1000);
      assertThat(sse.received().split("event: incident", -1)).hasSize(451);
    }
  }

  private static void exec(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}

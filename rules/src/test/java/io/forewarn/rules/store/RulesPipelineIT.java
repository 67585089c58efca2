package io.forewarn.rules.store;

import static io.forewarn.rules.store.PipelineFixture.T0;
import static io.forewarn.rules.store.PipelineFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RulesPipelineIT {
  private static final String PRESSURE = "rule_id = 'boiler-gb24/pressure_low'";
  private final PipelineFixture f = new PipelineFixture();

  @AfterEach
  void drop() {
    f.close();
  }

  @Test
  void restart_mid_stream_neither_loses_nor_duplicates_an_incident() throws Exception {
    // GIVEN a healthy hour and the first 20 minutes of a pressure breach, evaluated by a first instance
    RulesPipeline first = f.pipeline("rules");
    f.batch("gw", 1, T0, 6, 1.4);
    f.batch("gw", 1, at(T0, 6), 3, 0.7);
    PipelineFixture.runUntil(first, 2);
    assertThat(f.count("SELECT count(*) FROM incidents")).isZero();
    // WHEN that instance is gone and a new one carries on with the rest of the breach
    RulesPipeline second = f.pipeline("rules");
    f.batch("gw", 1, at(T0, 9), 2, 0.7);
    PipelineFixture.runUntil(second, 1);
    // THEN the breach that began before the restart fires once, timed from its real start
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + PRESSURE)).isEqualTo(1);
    assertThat(f.count("SELECT extract(epoch FROM opened_at)::bigint FROM incidents WHERE " + PRESSURE))
        .isEqualTo(at(T0, 6).getEpochSecond());
    // WHEN a third instance sees the recovery
    RulesPipeline third = f.pipeline("rules");
    f.batch("gw", 1, at(T0, 11), 30, 1.4);
    PipelineFixture.runUntil(third, 1);
    // THEN the same incident resolves: one opened and one resolved outbox row, nothing read twice
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + PRESSURE + " AND state = 'resolved'")).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM outbox o JOIN incidents i ON i.id = o.incident_id WHERE i." + PRESSURE))
        .isEqualTo(2);
    assertThat(f.count("SELECT count(*) FROM incident_events e JOIN incidents i ON i.id = e.incident_id WHERE i."
        + PRESSURE)).isEqualTo(2);
    assertThat(third.runOnce().batches()).isZero();
  }

  @Test
  void two_instances_at_once_never_open_the_same_incident_twice() throws Exception {
    // GIVEN two engines reading the same batches (separate cursors) at the same time
    f.batch("gw", 1, T0, 6, 1.4);
    f.batch("gw", 1, at(T0, 6), 6, 0.7);
    RulesPipeline a = f.pipeline("rules-a");
    RulesPipeline b = f.pipeline("rules-b");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> runA = () -> PipelineFixture.runUntil(a, 2);
      Callable<Integer> runB = () -> PipelineFixture.runUntil(b, 2);
      var fa = pool.submit(runA);
      var fb = pool.submit(runB);
      // WHEN both decide to open the same incident
      assertThat(fa.get()).isPositive();
      assertThat(fb.get()).isPositive();
    } finally {
      pool.shutdownNow();
    }
    // THEN the partial unique index lets one row in, and the loser adopted it without telling anyone again
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + PRESSURE)).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM outbox WHERE transition = 'opened'")).isEqualTo(1);
    // AND both can resolve it later without a second resolution
    f.batch("gw", 1, at(T0, 12), 30, 1.4);
    PipelineFixture.runUntil(a, 1);
    PipelineFixture.runUntil(b, 1);
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + PRESSURE + " AND state = 'resolved'")).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM outbox WHERE transition = 'resolved'")).isEqualTo(1);
  }

  @Test
  void maintenance_window_keeps_the_incident_silent_then_releases_it() throws Exception {
    // GIVEN a maintenance window over device 1 for the next three hours
    f.db.exec("INSERT INTO suppressions (type, scope_type, scope_value, starts_at, ends_at, reason, created_by) VALUES"
        + " ('maintenance', 'device', '1', '" + T0 + "', '" + T0.plus(Duration.ofHours(3))
        + "', 'boiler swap', 'ops')");
    RulesPipeline p = f.pipeline("rules");
    // WHEN its pressure breaches during the window
    f.batch("gw", 1, T0, 6, 0.7);
    PipelineFixture.runUntil(p, 1);
    // THEN the incident exists, marked silenced, and the notifier was not told
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + PRESSURE + " AND silenced_until IS NOT NULL"))
        .isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM incident_events WHERE type = 'silenced'")).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM outbox")).isZero();
    // WHEN the window ends with the breach still there
    f.batch("gw", 1, at(T0, 6), 13, 0.7);
    f.clock.set(T0.plus(Duration.ofHours(3)).plusSeconds(1));
    PipelineFixture.runUntil(p, 1);
    // THEN it is announced once
    assertThat(f.count("SELECT count(*) FROM outbox o JOIN incidents i ON i.id = o.incident_id WHERE i." + PRESSURE
        + " AND o.transition = 'opened'")).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + PRESSURE + " AND silenced_until IS NULL"))
        .isEqualTo(1);
  }

  @Test
  void an_incident_over_inside_the_maintenance_window_is_never_announced_and_the_next_one_after_it_is()
      throws Exception {
    // GIVEN a maintenance window over device 1 for six hours
    f.db.exec("INSERT INTO suppressions (type, scope_type, scope_value, starts_at, ends_at, reason, created_by) VALUES"
        + " ('maintenance', 'device', '1', '" + T0 + "', '" + T0.plus(Duration.ofHours(6)) + "', 'refill', 'ops')");
    RulesPipeline p = f.pipeline("rules");
    // WHEN its pressure breaches and recovers for good inside the window
    f.batch("gw", 1, T0, 6, 0.7);
    PipelineFixture.runUntil(p, 1);
    f.batch("gw", 1, at(T0, 6), 24, 1.4);
    PipelineFixture.runUntil(p, 1);
    // THEN the incident opened silenced and resolved, and the notifier heard of neither
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + PRESSURE + " AND state = 'resolved'")).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM incident_events WHERE type = 'silenced'")).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM outbox")).isZero();
    // WHEN the window is over and the pressure falls again
    f.batch("gw", 1, T0.plus(Duration.ofHours(7)), 6, 0.7);
    PipelineFixture.runUntil(p, 1);
    // THEN that incident is announced at once, unsilenced
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + PRESSURE + " AND state <> 'resolved'"
        + " AND silenced_until IS NULL")).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM outbox WHERE transition = 'opened'")).isEqualTo(1);
  }

  @Test
  void simulator_history_batches_are_not_evaluated_live() throws Exception {
    // GIVEN a history batch full of breaches
    f.batch("simulator-history", 2, T0, 12, 0.5);
    RulesPipeline p = f.pipeline("rules");
    // WHEN the live pipeline runs THEN the batch is passed over (cursor advances) and nothing opens
    PipelineFixture.runUntil(p, 0);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (f.count("SELECT count(*) FROM batch_cursors WHERE name = 'rules' AND horizon > (SELECT xid FROM"
        + " ingest_batches)") == 0 && System.nanoTime() < deadline) {
      p.runOnce();
    }
    assertThat(f.count("SELECT count(*) FROM incidents")).isZero();
    assertThat(f.count("SELECT count(*) FROM batch_cursors WHERE name = 'rules' AND horizon > (SELECT xid FROM"
        + " ingest_batches)")).isEqualTo(1);
    assertThat(p.stats().pointsEvaluated()).isZero();
  }

  @Test
  void a_backlog_of_old_data_is_judged_in_data_time_not_as_silence() throws Exception {
    // GIVEN healthy data of a day ago arriving now (a backlog after downtime, or accelerated simulation)
    f.batch("gw", 1, T0, 12, 1.4);
    f.clock.set(T0.plus(Duration.ofDays(1)));
    RulesPipeline p = f.pipeline("rules");
    // WHEN it is evaluated THEN the device does not look silent
    PipelineFixture.runUntil(p, 1);
    assertThat(f.count("SELECT count(*) FROM incidents WHERE rule_id LIKE '%no_data'")).isZero();
    // WHEN no more data comes and wall time goes on THEN the silence is real and fires
    p.runOnce();
    assertThat(f.count("SELECT count(*) FROM incidents WHERE rule_id LIKE '%no_data'")).isEqualTo(1);
  }
}

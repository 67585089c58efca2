package io.forewarn.rules.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleFileLoader;
import io.forewarn.rules.ruleset.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The firmware comparison through {@link RulesPipeline} against the real database, restarted twice: while its
 * evidence builds (buckets half handed in), and after the disruption opened. Thirty-six boilers (ids 101-136),
 * twelve on each of three firmwares, report their flame signal every 15 minutes in 3-hour batches; from
 * Wednesday noon the 1.9.2 ones (125-136) sink 0.03 µA an hour.
 */
class CohortPipelineIT {
  private static final Instant MONDAY = PipelineFixture.T0;
  private static final Instant ONSET = MONDAY.plus(Duration.ofHours(60));
  /** Where the firmware's disruption is the row (kind service_disruption, by its fingerprint). */
  private static final String DISRUPTION = "fingerprint = 'firmware:boiler-gb24@1.9.2:disruption'";
  private static final String RULES = """
      {"version": "cohort-it", "fleet": {"cohort": {"bucket": "PT1H"}},
       "models": {"boiler-gb24": {"rules": [
         {"id": "flame_signal_drift", "kind": "seasonal_drift", "metric": "flame_signal_ua", "direction": "below",
          "min_sigma": 0.5, "learning_days": 2, "for": "PT1H", "clear_for": "PT6H", "min_firing": "PT6H",
          "fleet": true, "summary": "Boiler {device}: weak flame", "summary_key": "flame_weakening", "action": "service"}]}}}
      """;
  private final PipelineFixture f = new PipelineFixture();
  private final RuleSet rules = new RuleFileLoader(ProductCatalog.standard()).parse(RULES, "it");
  private final Random noise = new Random(17);
  private final double[] level = new double[137];
  private Instant next = MONDAY;

  CohortPipelineIT() {
    StringBuilder customers = new StringBuilder();
    StringBuilder devices = new StringBuilder();
    Random traits = new Random(4);
    for (int id = 101; id <= 136; id++) {
      String firmware = id <= 112 ? "1.8.4" : id <= 124 ? "1.9.0" : "1.9.2";
      customers.append(customers.isEmpty() ? "" : ", ").append("(").append(id).append(", 'c").append(id).append("')");
      devices.append(devices.isEmpty() ? "" : ", ").append("(").append(id).append(", 'gb-").append(id).append("', ")
          .append(id).append(", 'boiler-gb24', '").append(firmware).append("', 'north', 'n1')");
      level[id] = 4 + 4 * traits.nextDouble();
    }
    f.db.exec("INSERT INTO customers (id, external_id) VALUES " + customers);
    f.db.exec("INSERT INTO devices (id, external_id, customer_id, model, firmware, region, site) VALUES " + devices);
    f.db.exec("INSERT INTO metrics (id, name) VALUES (4, 'flame_signal_ua')");
  }

  @AfterEach
  void drop() {
    f.close();
  }

  private RulesPipeline instance() {
    return new RulesPipeline(f.pool, RuleSource.fixed(rules), ProductCatalog.standard(), f.clock,
        new EvaluationClock(EvaluationClock.Mode.DATA), "rules", false);
  }

  /** The fleet's next {@code hours} of reports, in 3-hour batches, each evaluated by {@code p}. */
  private void feed(RulesPipeline p, int hours) throws Exception {
    for (int batch = 0; batch < hours / 3; batch++) {
      List<PipelineFixture.Row> rows = new ArrayList<>();
      for (int slot = 0; slot < 12; slot++) {
        Instant t = next.plus(Duration.ofMinutes(15L * slot));
        for (int id = 101; id <= 136; id++) {
          Instant ts = t.plusSeconds(id);
          double sink = id > 124 && ts.isAfter(ONSET) ? 0.03 * Duration.between(ONSET, ts).toMinutes() / 60.0 : 0;
          rows.add(new PipelineFixture.Row(ts, id, new int[] {4},
              new double[] {level[id] - sink + 0.15 * noise.nextGaussian()}));
        }
      }
      f.batch("gw", rows);
      PipelineFixture.runUntil(p, 1);
      next = next.plus(Duration.ofHours(3));
    }
  }

  @Test
  void restarts_while_the_evidence_builds_and_after_it_fired_neither_lose_nor_duplicate_the_disruption()
      throws Exception {
    // GIVEN two days of learning and the first 6 hours of the fault, evaluated by a first instance
    feed(instance(), 66);
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + DISRUPTION)).isZero();
    assertThat(f.count("SELECT count(*) FROM fleet_state WHERE key = 'cohort:boiler-gb24/flame_signal_drift@1.9.2'"))
        .isEqualTo(1);
    // WHEN a second instance, loaded from the database, carries on for 18 hours
    feed(instance(), 18);
    // THEN the firmware's disruption opened once, within a day of the onset, listing all twelve boilers, told once
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + DISRUPTION)).isEqualTo(1);
    assertThat(f.count("SELECT extract(epoch FROM firing_at)::bigint FROM incidents WHERE " + DISRUPTION))
        .isLessThan(ONSET.plus(Duration.ofHours(24)).getEpochSecond());
    assertThat(f.count("SELECT jsonb_array_length(details->'affected_device_ids') FROM incidents WHERE " + DISRUPTION))
        .isEqualTo(12);
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + DISRUPTION + " AND summary_key = 'software_fault'"
        + " AND details->>'detected_by' = 'cohort_comparison'")).isEqualTo(1);
    long outbox = f
        .count("SELECT count(*) FROM outbox o JOIN incidents i ON i.id = o.incident_id WHERE i." + DISRUPTION);
    assertThat(outbox).isEqualTo(1);
    // WHEN a third instance sees the fault go on for another day
    feed(instance(), 24);
    // THEN it is still the one disruption, firing, not told again
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + DISRUPTION)).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM incidents WHERE " + DISRUPTION + " AND state = 'firing'")).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM outbox o JOIN incidents i ON i.id = o.incident_id WHERE i." + DISRUPTION))
        .isEqualTo(outbox);
    // AND the boilers' own incidents that fired meanwhile belong to it and told no one on their own
    assertThat(f.count("SELECT count(*) FROM incidents WHERE kind = 'device_problem'")).isPositive();
    assertThat(f.count("SELECT count(*) FROM incidents d JOIN incidents p ON p.id = d.parent_id"
        + " WHERE d.kind = 'device_problem' AND p." + DISRUPTION))
        .isEqualTo(f.count("SELECT count(*) FROM incidents WHERE kind = 'device_problem'"));
    assertThat(f.count("SELECT count(*) FROM outbox o JOIN incidents i ON i.id = o.incident_id"
        + " WHERE i.kind = 'device_problem'")).isZero();
  }
}

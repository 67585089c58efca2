package io.forewarn.rules.store;

import io.forewarn.common.db.BatchCursor;
import io.forewarn.rules.engine.Engine;
import io.forewarn.rules.engine.EngineStats;
import io.forewarn.rules.engine.Transition;
import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest log -> engine -> incidents, one transaction per cycle: the new batches are read, evaluated, and
 * the incident changes, their events, the outbox rows, the touched detector state and the advanced
 * cursor commit together. A crash before the commit leaves everything as it was (the batches are read
 * again from the old horizon by a fresh engine loaded from the stored state), so no change is lost
 * or written twice. After any failure the in-memory engine is thrown away and rebuilt from the database.
 */
public final class RulesPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(RulesPipeline.class);
  /** Batches the simulator's history mode writes; they are old data, not live telemetry. */
  static final String HISTORY_GATEWAY = "simulator-history";

  /** What one cycle did. lag = now - oldest committed_at of the batches it evaluated (zero without batches). */
  public record CycleResult(int batches, int rows, int transitions, int outboxRows, Duration lag) {}

  private final DataSource dataSource;
  private final RuleSet rules;
  private final ProductCatalog catalog;
  private final Clock clock;
  private final EvaluationClock evaluationClock;
  private final String cursorName;
  private final boolean includeHistory;
  private final EngineStats stats = new EngineStats();
  private volatile Engine engine;
  private Map<String, Long> openIds;
  private Map<Integer, String> metricNames;

  public RulesPipeline(DataSource dataSource, RuleSet rules, ProductCatalog catalog, Clock clock, String cursorName,
      boolean includeHistory) {
    this(dataSource, rules, catalog, clock, new EvaluationClock(EvaluationClock.Mode.WALL), cursorName, includeHistory);
  }

  public RulesPipeline(DataSource dataSource, RuleSet rules, ProductCatalog catalog, Clock clock,
      EvaluationClock evaluationClock, String cursorName, boolean includeHistory) {
    this.evaluationClock = evaluationClock;
    this.dataSource = dataSource;
    this.rules = rules;
    this.catalog = catalog;
    this.clock = clock;
    this.cursorName = cursorName;
    this.includeHistory = includeHistory;
  }

  private void load(Connection c) throws SQLException {
    Engine fresh = new Engine(rules, catalog, EngineLoader.devices(c), stats);
    int states = EngineLoader.detectorState(c, fresh);
    openIds = EngineLoader.openIncidents(c, fresh);
    metricNames = EngineLoader.metricNames(c);
    engine = fresh;
    LOG.info("engine loaded: {} open incidents, {} detector states, rules {}", openIds.size(), states, rules.version());
  }

  public CycleResult runOnce() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        CycleResult r = cycle(c);
        c.commit();
        return r;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        engine = null; // its memory is ahead of the database now
        throw e;
      }
    }
  }

  private CycleResult cycle(Connection c) throws SQLException {
    BatchCursor cursor = BatchCursor.lock(c, cursorName);
    if (engine == null) {
      load(c); // under the cursor lock: no other instance moves the state while we read it
    }
    Instant now = clock.instant();
    engine.setSuppressions(EngineLoader.suppressions(c, now));
    List<IngestBatch.Batch> batches = IngestBatch.newBatches(c, cursor);
    List<Long> wanted = new ArrayList<>();
    Instant oldest = null;
    for (IngestBatch.Batch b : batches) {
      if (includeHistory || !HISTORY_GATEWAY.equals(b.gateway())) {
        wanted.add(b.id());
        oldest = oldest == null || b.committedAt().isBefore(oldest) ? b.committedAt() : oldest;
      }
    }
    List<Transition> transitions = new ArrayList<>();
    int rows = wanted.isEmpty() ? 0 : IngestBatch.feed(c, wanted.toArray(Long[]::new), metricNames, engine, transitions);
    long tick = evaluationClock.tickTime(now, engine.latestSampleTs(), !wanted.isEmpty());
    if (tick != EvaluationClock.NO_TICK) {
      transitions.addAll(engine.tick(tick));
    }
    IncidentWriter writer = new IncidentWriter(openIds);
    int outbox = 0;
    for (Transition t : transitions) {
      outbox += writer.apply(c, t);
    }
    saveState(c, now);
    String next = batches.size() < IngestBatch.MAX_BATCHES ? cursor.currentHorizon()
        : String.valueOf(Long.parseLong(batches.getLast().xid()) + 1);
    cursor.advance(c, next);
    return new CycleResult(wanted.size(), rows, transitions.size(), outbox,
        oldest == null ? Duration.ZERO : Duration.between(oldest, now));
  }

  private void saveState(Connection c, Instant now) throws SQLException {
    var dirty = engine.drainDirtyState();
    if (dirty.isEmpty()) {
      return;
    }
    try (PreparedStatement u = c.prepareStatement("INSERT INTO detector_state (device_id, rule_id, state, updated_at)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT (device_id, rule_id) DO UPDATE SET state = EXCLUDED.state,"
        + " updated_at = EXCLUDED.updated_at")) {
      for (var device : dirty.entrySet()) {
        for (var rule : device.getValue().entrySet()) {
          u.setInt(1, device.getKey());
          u.setString(2, rule.getKey());
          u.setBytes(3, rule.getValue());
          u.setTimestamp(4, Timestamp.from(now));
          u.addBatch();
        }
      }
      u.executeBatch();
    }
  }

  /** Counters across engine rebuilds. */
  public EngineStats stats() {
    return stats;
  }

  public boolean loaded() {
    return engine != null;
  }
}

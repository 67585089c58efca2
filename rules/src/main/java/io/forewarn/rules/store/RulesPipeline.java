package io.forewarn.rules.store;

import io.forewarn.common.db.BatchCursor;
import io.forewarn.rules.engine.Engine;
import io.forewarn.rules.engine.EngineStats;
import io.forewarn.rules.engine.Transition;
import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleSet;
import io.forewarn.rules.ruleset.RuleSpec;
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
 * the incident changes, their events, the outbox rows, the touched detector state (per device, and the
 * firmware comparison's in fleet_state) and the advanced cursor commit together. A crash before the commit leaves everything as it was (the batches are read
 * again from the old horizon by a fresh engine loaded from the stored state), so no change is lost
 * or written twice. After any failure the in-memory engine is thrown away and rebuilt from the database.
 * A new rule set ({@link RuleSource}) is swapped in at the start of a cycle, in its transaction: the
 * incidents it resolves and the state it drops commit with the cycle, or the cycle fails as a whole.
 */
public final class RulesPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(RulesPipeline.class);
  /** Batches the simulator's history mode writes; they are old data, not live telemetry. */
  static final String HISTORY_GATEWAY = "simulator-history";

  /**
   * What one cycle did. lag = now - oldest committed_at of the batches it evaluated (zero without batches);
   * reload = what became of a newer rule set found at its start.
   */
  public record CycleResult(int batches, int rows, int transitions, int outboxRows, Duration lag, Reload reload) {}

  /** A cycle's rule set check: nothing new, a newer rule set swapped in, or one refused. */
  public enum Reload {
    NONE, APPLIED, REFUSED
  }

  private final DataSource dataSource;
  private final RuleSource rules;
  private final ProductCatalog catalog;
  private final Clock clock;
  private final EvaluationClock evaluationClock;
  private final String cursorName;
  private final boolean includeHistory;
  private final EngineStats stats = new EngineStats();
  private volatile Engine engine;
  private volatile String rulesVersion; // for /health, read off the worker thread
  private Map<String, Long> openIds;
  private Map<Integer, String> metricNames;

  /** Always judged by the same rules, on the wall clock (tests). */
  public RulesPipeline(DataSource dataSource, RuleSet rules, ProductCatalog catalog, Clock clock, String cursorName,
      boolean includeHistory) {
    this(dataSource, RuleSource.fixed(rules), catalog, clock, new EvaluationClock(EvaluationClock.Mode.WALL),
        cursorName,
        includeHistory);
  }

  public RulesPipeline(DataSource dataSource, RuleSource rules, ProductCatalog catalog, Clock clock,
      EvaluationClock evaluationClock, String cursorName, boolean includeHistory) {
    this.evaluationClock = evaluationClock;
    this.dataSource = dataSource;
    this.rules = rules;
    this.catalog = catalog;
    this.clock = clock;
    this.cursorName = cursorName;
    this.includeHistory = includeHistory;
  }

  /** A fresh engine from the database; returns what its rule set changes at once (orphaned incidents resolved). */
  private List<Transition> load(Connection c, Instant now) throws SQLException {
    RuleSet set = rules.atLoad(c);
    RuleSetRows.forgetOtherRules(c, ruleIds(set), Engine.DEVICE_KEY);
    Engine fresh = new Engine(set, catalog, EngineLoader.devices(c), stats);
    int states = EngineLoader.detectorState(c, fresh);
    FleetStateRows.forgetOthers(c, fresh.fleetStateKeys());
    int fleetStates = FleetStateRows.load(c, fresh);
    openIds = EngineLoader.openIncidents(c, fresh);
    metricNames = EngineLoader.metricNames(c);
    engine = fresh;
    rulesVersion = set.version();
    LOG.info("engine loaded: {} open incidents, {} detector states, {} fleet states, rules {}", openIds.size(), states,
        fleetStates, set.version());
    return fresh.retireOrphans(reloadTime(now));
  }

  /** Swaps in a newer rule set if there is one; its changes go into {@code out}. */
  private Reload reload(Connection c, Instant now, List<Transition> out) throws SQLException {
    return switch (rules.check(c)) {
      case RuleSource.Check.Unchanged u -> Reload.NONE;
      case RuleSource.Check.Refused r -> Reload.REFUSED;
      case RuleSource.Check.Applied a -> {
        String before = engine.rules().version();
        List<Transition> changes = engine.reload(a.rules(), reloadTime(now));
        int dropped = RuleSetRows.forgetOtherRules(c, ruleIds(a.rules()), Engine.DEVICE_KEY);
        FleetStateRows.forgetOthers(c, engine.fleetStateKeys());
        out.addAll(changes);
        rulesVersion = a.rules().version();
        LOG.info("rules {} -> {}: {} incidents of removed rules resolved, {} detector states of removed rules dropped",
            before, a.rules().version(), changes.stream().filter(t -> t.reason() != null).count(), dropped);
        yield Reload.APPLIED;
      }
    };
  }

  /** When a swap resolves incidents: the time a tick would judge by now (data time in data mode). */
  private long reloadTime(Instant now) {
    long t = evaluationClock.tickTime(now, engine.latestSampleTs(), false);
    return t == EvaluationClock.NO_TICK ? now.toEpochMilli() : t;
  }

  private static List<String> ruleIds(RuleSet set) {
    return set.rulesByModel().values().stream().flatMap(List::stream).map(RuleSpec::qualifiedId).toList();
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
    Instant now = clock.instant();
    List<Transition> transitions = new ArrayList<>();
    Reload reload = Reload.NONE;
    if (engine == null) {
      transitions.addAll(load(c, now)); // under the cursor lock: no other instance moves the state while we read it
    } else {
      reload = reload(c, now, transitions);
    }
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
    int rows = wanted.isEmpty() ? 0
        : IngestBatch.feed(c, wanted.toArray(Long[]::new), metricNames, engine, transitions);
    long tick = evaluationClock.tickTime(now, engine.latestSampleTs(), !wanted.isEmpty());
    if (tick != EvaluationClock.NO_TICK) {
      transitions.addAll(engine.tick(tick));
    }
    IncidentWriter writer = new IncidentWriter(openIds, engine.rules().version());
    int outbox = 0;
    for (Transition t : transitions) {
      outbox += writer.apply(c, t);
    }
    saveState(c, now);
    String next = batches.size() < IngestBatch.MAX_BATCHES ? cursor.currentHorizon()
        : String.valueOf(Long.parseLong(batches.getLast().xid()) + 1);
    cursor.advance(c, next);
    return new CycleResult(wanted.size(), rows, transitions.size(), outbox,
        oldest == null ? Duration.ZERO : Duration.between(oldest, now), reload);
  }

  private void saveState(Connection c, Instant now) throws SQLException {
    FleetStateRows.save(c, engine.drainDirtyFleetState(), now);
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

  /** The version of the rules the engine judges by (the last loaded), null before the first load. */
  public String rulesVersion() {
    return rulesVersion;
  }

  /** The rule set activation running (rule_set_activations.id), 0 when the rules are not from the database. */
  public long rulesActivation() {
    return rules.activation();
  }
}

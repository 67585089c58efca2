package io.forewarn.rules.app;

import io.forewarn.common.config.ConfigReader;
import io.forewarn.rules.store.EvaluationClock;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the rules service, from the environment. Every problem is listed at once.
 *
 * @param dbUri          FOREWARN_DB_URL (required; FOREWARN_DB_URI, its earlier name, still works)
 * @param dbPoolSize     FOREWARN_DB_POOL_SIZE (default 4)
 * @param httpPort       FOREWARN_RULES_HTTP_PORT (default 8082): /health, /metrics
 * @param rulesFile      FOREWARN_RULES_FILE (default: the rules shipped in the jar)
 * @param pollInterval   FOREWARN_RULES_POLL (default 1s, at most 1s): a cycle runs at least this often
 * @param cursorName     FOREWARN_RULES_CURSOR (default rules): batch_cursors row of this stage
 * @param includeHistory FOREWARN_RULES_INCLUDE_HISTORY (default false): also evaluate simulator-history batches
 * @param clock          FOREWARN_RULES_CLOCK wall|data (default wall): the time no_data and {@code for} are
 *                       judged by; data = the newest evaluated sample, for replayed or accelerated data
 */
public record RulesConfig(String dbUri, int dbPoolSize, int httpPort, String rulesFile, Duration pollInterval,
    String cursorName, boolean includeHistory, EvaluationClock.Mode clock) {

  static final String DB_URL = "FOREWARN_DB_URL";
  static final String DB_URI_EARLIER = "FOREWARN_DB_URI";

  public RulesConfig {
    if (clock == null) {
      throw new IllegalArgumentException("clock mode is required");
    }
  }

  public static RulesConfig fromEnv(Map<String, String> env) {
    ConfigReader r = new ConfigReader(env);
    // FOREWARN_DB_URL like every other service (the launcher and compose set it); the earlier name still works.
    String dbVariable = env.containsKey(DB_URL) || !env.containsKey(DB_URI_EARLIER) ? DB_URL : DB_URI_EARLIER;
    String db = r.required(dbVariable, "postgresql://forewarn@timescaledb:5432/forewarn");
    int pool = r.integer("FOREWARN_DB_POOL_SIZE", 4, 1, 64);
    int port = r.integer("FOREWARN_RULES_HTTP_PORT", 8082, 0, 65535);
    String file = r.string("FOREWARN_RULES_FILE", null);
    Duration poll = r.duration("FOREWARN_RULES_POLL", Duration.ofSeconds(1), Duration.ofMillis(50),
        Duration.ofSeconds(1));
    String cursor = r.string("FOREWARN_RULES_CURSOR", "rules");
    r.check(cursor != null && cursor.matches("[a-z0-9_-]{1,40}"), "FOREWARN_RULES_CURSOR must be 1-40 of [a-z0-9_-]");
    boolean history = r.bool("FOREWARN_RULES_INCLUDE_HISTORY", false);
    EvaluationClock.Mode clock = r.choice("FOREWARN_RULES_CLOCK", EvaluationClock.Mode.class,
        EvaluationClock.Mode.WALL);
    r.throwIfInvalid("rules");
    return new RulesConfig(db, pool, port, file, poll, cursor, history, clock);
  }
}

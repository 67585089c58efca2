package io.forewarn.ops.app;

import io.forewarn.common.config.ConfigReader;
import io.forewarn.common.config.Secrets;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the ops service, from the environment; every problem is listed at once. The table in
 * docs/api.md lists the variables.
 */
public record OpsConfig(String dbUrl, int dbPoolSize, String httpHost, int httpPort, long bodyLimitBytes,
    String rulesFile, Duration streamPoll, int maxStreams, boolean migrate, String operatorTenant) {
  public static final int DEFAULT_DB_POOL_SIZE = 8;
  public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
  public static final int DEFAULT_HTTP_PORT = 8084;
  public static final int DEFAULT_BODY_LIMIT_KB = 512;
  public static final Duration DEFAULT_STREAM_POLL = Duration.ofSeconds(1);
  public static final int DEFAULT_MAX_STREAMS = 200;
  public static final boolean DEFAULT_MIGRATE = true;
  /** Tenant 1, which every device and customer belongs to unless told otherwise (migration V10). */
  public static final String DEFAULT_OPERATOR_TENANT = "default";

  public static OpsConfig fromEnv(Map<String, String> env) {
    ConfigReader r = new ConfigReader(env);
    String db = r.required("FOREWARN_DB_URL", "postgresql://forewarn@127.0.0.1:5432/forewarn");
    r.check(db == null || db.startsWith("postgresql://") || db.startsWith("jdbc:postgresql://"),
        "FOREWARN_DB_URL must start with postgresql:// or jdbc:postgresql://");
    int pool = r.integer("FOREWARN_DB_POOL_SIZE", DEFAULT_DB_POOL_SIZE, 1, 64);
    String host = r.string("FOREWARN_OPS_HTTP_HOST", DEFAULT_HTTP_HOST);
    r.check(host.matches("[A-Za-z0-9.:-]{1,253}"), "FOREWARN_OPS_HTTP_HOST must be a host name or IP address");
    int port = r.integer("FOREWARN_OPS_HTTP_PORT", DEFAULT_HTTP_PORT, 0, 65535);
    int bodyKb = r.integer("FOREWARN_OPS_BODY_LIMIT_KB", DEFAULT_BODY_LIMIT_KB, 1, 16 * 1024);
    String rules = r.string("FOREWARN_RULES_FILE", null);
    Duration poll = r.duration("FOREWARN_OPS_STREAM_POLL", DEFAULT_STREAM_POLL, Duration.ofMillis(100),
        Duration.ofSeconds(30));
    int streams = r.integer("FOREWARN_OPS_MAX_STREAMS", DEFAULT_MAX_STREAMS, 1, 10_000);
    boolean migrate = r.bool("FOREWARN_OPS_MIGRATE", DEFAULT_MIGRATE);
    String operator = r.string("FOREWARN_OPS_OPERATOR_TENANT", DEFAULT_OPERATOR_TENANT);
    r.check(operator.matches("[a-z0-9][a-z0-9-]{0,39}"),
        "FOREWARN_OPS_OPERATOR_TENANT must be a tenant slug ([a-z0-9-], 1-40)");
    r.throwIfInvalid("ops");
    return new OpsConfig(db, pool, host, port, bodyKb * 1024L, rules, poll, streams, migrate, operator);
  }

  @Override
  public String toString() {
    return "OpsConfig[db=" + Secrets.maskUri(dbUrl) + ", pool=" + dbPoolSize + ", http=" + httpHost + ":" + httpPort
        + ", bodyLimit=" + bodyLimitBytes + "B, rules=" + (rulesFile == null ? "(rules jar default)" : rulesFile)
        + ", streamPoll=" + streamPoll + ", maxStreams=" + maxStreams + ", migrate=" + migrate + ", operatorTenant="
        + operatorTenant + "]";
  }
}

package io.forewarn.gateway.app;

import io.forewarn.common.config.ConfigReader;
import io.forewarn.common.config.Secrets;
import io.forewarn.common.telemetry.PayloadLimits;
import io.forewarn.gateway.ingest.BatchSettings;
import io.forewarn.gateway.ingest.MqttSettings;
import io.forewarn.gateway.maintenance.MaintenanceSettings;
import io.forewarn.gateway.store.StoreSettings;
import io.forewarn.gateway.store.UnknownDevicePolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's whole configuration, read from environment variables (optionally a file, see
 * ConfigSources). Every variable, default and range is listed in docs/configuration.md.
 */
public record GatewayConfig(
    MqttSettings mqtt,
    String dbUrl,
    int dbPoolSize,
    BatchSettings batch,
    PayloadLimits payload,
    StoreSettings store,
    MaintenanceSettings maintenance,
    String httpHost,
    int httpPort) {

  public static final String DEFAULT_MQTT_URI = "tcp://127.0.0.1:1883";
  public static final String DEFAULT_DB_URL = "postgresql://forewarn@127.0.0.1:5432/forewarn";
  /**
   * No shared subscription by default: Mosquitto 2.0 does not restore shared subscriptions after a broker
   * restart, so messages published before the gateway resubscribes would be lost (docs/reliability.md).
   * Set a group to split the load between several gateways.
   */
  public static final String DEFAULT_SHARED_GROUP = "";
  public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofHours(24);
  public static final int DEFAULT_RECEIVE_MAXIMUM = 10_000;
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
  public static final int DEFAULT_DB_POOL_SIZE = 4;
  public static final int DEFAULT_BATCH_MAX_MESSAGES = 2_000;
  public static final Duration DEFAULT_BATCH_MAX_DELAY = Duration.ofMillis(100);
  public static final Duration DEFAULT_DB_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final int DEFAULT_DB_FATAL_AFTER = 20;
  public static final int DEFAULT_METRIC_CATALOGUE_MAX = 1_000;
  public static final int DEFAULT_REJECT_PAYLOAD_BYTES = 4_096;
  public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(90);
  public static final Duration DEFAULT_1M_RETENTION = Duration.ofDays(180);
  public static final Duration DEFAULT_1H_RETENTION = Duration.ofDays(730);
  public static final Duration DEFAULT_REJECT_RETENTION = Duration.ofDays(14);
  public static final Duration DEFAULT_CHUNK_INTERVAL = Duration.ofDays(1);
  public static final Duration DEFAULT_ROLLUP_INTERVAL = Duration.ofSeconds(30);
  /** ~35 s of 16 000 rows/s with room to spare, ~170 MB of heap at most (10 metrics a row). */
  public static final int DEFAULT_ROLLUP_MEMORY_ROWS = 1_000_000;
  public static final Duration DEFAULT_RETENTION_INTERVAL = Duration.ofHours(1);
  public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
  public static final int DEFAULT_HTTP_PORT = 8081;

  private static final Duration MAX_DAYS = Duration.ofDays(36_500);

  public static GatewayConfig fromEnv(Map<String, String> env) {
    ConfigReader r = new ConfigReader(env);
    var mqttUri = r.uri("FOREWARN_MQTT_URI", DEFAULT_MQTT_URI, Set.of("tcp", "ssl", "ws", "wss"));
    String clientId = r.string("FOREWARN_MQTT_CLIENT_ID", "forewarn-gateway-" + hostname());
    String username = r.string("FOREWARN_MQTT_USERNAME", null);
    String password = r.string("FOREWARN_MQTT_PASSWORD", null);
    // Set but empty means: no shared subscription (a single gateway, or a broker without them).
    String group = env.containsKey("FOREWARN_MQTT_SHARED_GROUP") ? env.get("FOREWARN_MQTT_SHARED_GROUP").trim()
        : DEFAULT_SHARED_GROUP;
    Duration expiry = r.duration("FOREWARN_MQTT_SESSION_EXPIRY", DEFAULT_SESSION_EXPIRY, Duration.ZERO,
        Duration.ofSeconds(0xFFFF_FFFFL - 1));
    int receiveMax = r.integer("FOREWARN_MQTT_RECEIVE_MAXIMUM", DEFAULT_RECEIVE_MAXIMUM, 1, 65_535);
    Duration keepAlive = r.duration("FOREWARN_MQTT_KEEP_ALIVE", DEFAULT_KEEP_ALIVE, Duration.ofSeconds(5),
        Duration.ofHours(18));
    String dbUrl = r.required("FOREWARN_DB_URL", DEFAULT_DB_URL);
    r.check(dbUrl == null || dbUrl.startsWith("postgresql://") || dbUrl.startsWith("postgres://")
        || dbUrl.startsWith("jdbc:postgresql://"),
        "FOREWARN_DB_URL must start with postgresql:// or jdbc:postgresql://");
    int poolSize = r.integer("FOREWARN_DB_POOL_SIZE", DEFAULT_DB_POOL_SIZE, 2, 64);
    int batchMax = r.integer("FOREWARN_BATCH_MAX_MESSAGES", DEFAULT_BATCH_MAX_MESSAGES, 1, 100_000);
    Duration batchDelay = r.duration("FOREWARN_BATCH_MAX_DELAY", DEFAULT_BATCH_MAX_DELAY, Duration.ofMillis(1),
        Duration.ofSeconds(60));
    Duration maxBackoff = r.duration("FOREWARN_DB_MAX_BACKOFF", DEFAULT_DB_MAX_BACKOFF, Duration.ofMillis(100),
        Duration.ofMinutes(10));
    int fatalAfter = r.integer("FOREWARN_DB_FATAL_AFTER", DEFAULT_DB_FATAL_AFTER, 1, 1_000_000);
    int maxBytes = r.integer("FOREWARN_PAYLOAD_MAX_BYTES", PayloadLimits.DEFAULT_MAX_PAYLOAD_BYTES, 64, 64 << 20);
    int maxMetrics = r.integer("FOREWARN_PAYLOAD_MAX_METRICS", PayloadLimits.DEFAULT_MAX_METRICS_PER_SAMPLE, 1, 10_000);
    int maxSamples = r.integer("FOREWARN_PAYLOAD_MAX_SAMPLES", PayloadLimits.DEFAULT_MAX_SAMPLES_PER_MESSAGE, 1,
        100_000);
    Duration maxFuture = r.duration("FOREWARN_TS_MAX_FUTURE", PayloadLimits.DEFAULT_MAX_FUTURE, Duration.ZERO,
        MAX_DAYS);
    Duration maxAge = r.duration("FOREWARN_TS_MAX_AGE", PayloadLimits.DEFAULT_MAX_AGE, Duration.ofMinutes(1), MAX_DAYS);
    var unknown = r.choice("FOREWARN_UNKNOWN_DEVICES", UnknownDevicePolicy.class, UnknownDevicePolicy.AUTO_REGISTER);
    int catalogueMax = r.integer("FOREWARN_METRIC_CATALOGUE_MAX", DEFAULT_METRIC_CATALOGUE_MAX, 1, Short.MAX_VALUE);
    int rejectBytes = r.integer("FOREWARN_REJECT_PAYLOAD_BYTES", DEFAULT_REJECT_PAYLOAD_BYTES, 0, 1 << 20);
    Duration raw = r.duration("FOREWARN_RETENTION_RAW", DEFAULT_RAW_RETENTION, Duration.ofHours(1), MAX_DAYS);
    Duration minute = r.duration("FOREWARN_RETENTION_1M", DEFAULT_1M_RETENTION, Duration.ofHours(1), MAX_DAYS);
    Duration hour = r.duration("FOREWARN_RETENTION_1H", DEFAULT_1H_RETENTION, Duration.ofHours(1), MAX_DAYS);
    Duration rejects = r.duration("FOREWARN_RETENTION_REJECTS", DEFAULT_REJECT_RETENTION, Duration.ofHours(1),
        MAX_DAYS);
    Duration chunk = r.duration("FOREWARN_CHUNK_INTERVAL", DEFAULT_CHUNK_INTERVAL, Duration.ofMinutes(10),
        Duration.ofDays(365));
    Duration rollupEvery = r.duration("FOREWARN_ROLLUP_INTERVAL", DEFAULT_ROLLUP_INTERVAL, Duration.ofSeconds(1),
        Duration.ofHours(1));
    Duration retentionEvery = r.duration("FOREWARN_RETENTION_INTERVAL", DEFAULT_RETENTION_INTERVAL,
        Duration.ofSeconds(10), Duration.ofDays(1));
    int rollupRows = r.integer("FOREWARN_ROLLUP_MEMORY_ROWS", DEFAULT_ROLLUP_MEMORY_ROWS, 0, 50_000_000);
    String httpHost = r.string("FOREWARN_HTTP_HOST", DEFAULT_HTTP_HOST);
    int httpPort = r.integer("FOREWARN_HTTP_PORT", DEFAULT_HTTP_PORT, 0, 65_535);

    r.check(maxAge.compareTo(raw) <= 0,
        "FOREWARN_TS_MAX_AGE (" + maxAge + ") exceeds FOREWARN_RETENTION_RAW (" + raw
            + "): old data would be dropped on arrival");
    r.check(minute.compareTo(raw) >= 0, "FOREWARN_RETENTION_1M must be >= FOREWARN_RETENTION_RAW");
    r.check(hour.compareTo(minute) >= 0, "FOREWARN_RETENTION_1H must be >= FOREWARN_RETENTION_1M");
    r.check(clientId.matches("[A-Za-z0-9_.:-]{1,128}"), "FOREWARN_MQTT_CLIENT_ID must be 1-128 of [A-Za-z0-9_.:-]");
    r.check(group == null || group.isEmpty() || group.matches("[A-Za-z0-9_.-]{1,64}"),
        "FOREWARN_MQTT_SHARED_GROUP must be 1-64 of [A-Za-z0-9_.-] (or empty for no shared subscription)");
    r.check(password == null || username != null,
        "FOREWARN_MQTT_PASSWORD is set without FOREWARN_MQTT_USERNAME");
    r.throwIfInvalid("Forewarn gateway");

    return new GatewayConfig(
        new MqttSettings(mqttUri.toString(), clientId, username, password, group, expiry, receiveMax, keepAlive),
        dbUrl, poolSize,
        new BatchSettings(batchMax, batchDelay, maxBackoff, fatalAfter),
        new PayloadLimits(maxBytes, maxMetrics, maxSamples, maxFuture, maxAge),
        new StoreSettings(clientId, unknown, catalogueMax, rejectBytes),
        new MaintenanceSettings(raw, minute, hour, rejects, chunk, rollupEvery, retentionEvery, rollupRows),
        httpHost, httpPort);
  }

  /** The configuration as logged at start-up: secrets masked. */
  public String describe() {
    return "mqtt=" + Secrets.maskUri(mqtt.uri()) + " clientId=" + mqtt.clientId() + " sharedGroup=" + mqtt.sharedGroup()
        + " receiveMaximum=" + mqtt.receiveMaximum() + " mqttPassword=" + Secrets.mask(mqtt.password())
        + " db=" + Secrets.maskUri(dbUrl) + " pool=" + dbPoolSize + " batch=" + batch + " payload=" + payload
        + " store=" + store + " maintenance=" + maintenance + " http=" + httpHost + ":" + httpPort;
  }

  private static String hostname() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "local";
    }
  }
}

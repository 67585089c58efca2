package io.forewarn.notifier.app;

import io.forewarn.common.config.ConfigReader;
import io.forewarn.notifier.delivery.DeliveryConfig;
import io.forewarn.notifier.maintenance.MaintenanceConfig;
import java.util.Objects;

/**
 * What the running service needs besides the connectors: the database, the HTTP port, the
 * public URL Twilio signs its callbacks with, the delivery loop's settings and how planned
 * maintenance is announced.
 *
 * @param dbUrl {@code null} when unset (only the preview can run then)
 * @param providerConnections HTTP connections the connectors may open to each provider host
 * @param publicUrl e.g. {@code https://notifier.example.com}; {@code null}: the request's own URL
 */
public record ServiceSettings(String dbUrl, int dbPoolSize, int httpPort, String publicUrl, DeliveryConfig delivery,
    MaintenanceConfig maintenance, int providerConnections) {
  /**
   * HTTP connections per provider host. Vert.x's default of 5 capped a provider with 100 ms
   * replies at 50 sends a second whatever its token bucket allowed; the bucket, not the pool,
   * must set the rate.
   */
  public static final int DEFAULT_PROVIDER_CONNECTIONS = 64;

  public ServiceSettings {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(maintenance, "maintenance");
  }

  static ServiceSettings read(ConfigReader r) {
    String dbUrl = r.string("FOREWARN_DB_URL", null);
    r.check(dbUrl == null || dbUrl.startsWith("postgresql://") || dbUrl.startsWith("postgres://")
        || dbUrl.startsWith("jdbc:postgresql://"),
        "FOREWARN_DB_URL must start with postgresql:// or jdbc:postgresql://");
    int pool = r.integer("FOREWARN_DB_POOL_SIZE", 6, 2, 64);
    int port = r.integer("FOREWARN_NOTIFIER_HTTP_PORT", 8083, 0, 65535);
    String publicUrl = r.string("FOREWARN_NOTIFIER_PUBLIC_URL", null);
    String host = System.getenv().getOrDefault("HOSTNAME", "notifier");
    DeliveryConfig delivery = DeliveryConfig.read(r, host + "-" + ProcessHandle.current().pid());
    return new ServiceSettings(dbUrl, pool, port, publicUrl == null ? null : publicUrl.replaceAll("/+$", ""), delivery,
        MaintenanceConfig.read(r),
        r.integer("FOREWARN_NOTIFIER_PROVIDER_CONNECTIONS", DEFAULT_PROVIDER_CONNECTIONS, 1, 1_000));
  }
}

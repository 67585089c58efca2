package io.forewarn.common.credentials;

/**
 * The broker accounts of Forewarn's own tools; a device's user name is its device id. These names
 * are valid device ids too, so provisioning skips a device registered under one of them: no device
 * ever logs in with a service account's rights.
 */
public enum ServiceAccount {
  /** The ingest gateway: reads every device topic it subscribes to. */
  GATEWAY("gateway"),
  /** The load generator (simulator {@code load}, the benchmarks): publishes telemetry for any device id. */
  LOAD("load"),
  /** A container health check: reads the broker's uptime and nothing else. */
  HEALTHCHECK("healthcheck");

  private final String username;

  ServiceAccount(String username) {
    this.username = username;
  }

  public String username() {
    return username;
  }

  /** The account with this user name, or {@code null}. */
  public static ServiceAccount byUsername(String username) {
    for (ServiceAccount account : values()) {
      if (account.username.equals(username)) {
        return account;
      }
    }
    return null;
  }
}

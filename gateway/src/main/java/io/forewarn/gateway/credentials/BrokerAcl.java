package io.forewarn.gateway.credentials;

import io.forewarn.common.credentials.ServiceAccount;
import io.forewarn.common.telemetry.TopicKind;
import java.util.Set;

/**
 * The broker's ACL, written from the topics the gateway knows ({@link TopicKind}) so it cannot drift
 * from them. Devices log in with their device id and may only publish to their own topics
 * ({@code pattern write devices/%u/<kind>}); they may read nothing, since Forewarn sends them nothing.
 * The gateway reads every device topic; that also covers its {@code $share/<group>/devices/+/<kind>}
 * filters, because Mosquitto checks what it delivers against the message's topic (verified against
 * Mosquitto 2.0 in {@code ProvisionedBrokerIT}).
 */
public final class BrokerAcl {
  private BrokerAcl() {}

  /** The ACL file for devices plus the given service accounts, in {@link ServiceAccount} order. */
  public static String render(Set<ServiceAccount> accounts) {
    StringBuilder acl = new StringBuilder()
        .append(
            "# Mosquitto ACL written by `forewarn-gateway mqtt-credentials` (docs/operations.md#device-credentials).\n")
        .append("# Re-run it rather than editing this file.\n\n")
        .append(
            "# Devices log in with their device id (%u) and may publish only to their own topics. They read nothing.\n");
    for (TopicKind kind : TopicKind.values()) {
      acl.append("pattern write devices/%u/").append(kind.segment()).append('\n');
    }
    for (ServiceAccount account : ServiceAccount.values()) {
      if (accounts.contains(account)) {
        acl.append('\n');
        section(acl, account);
      }
    }
    return acl.toString();
  }

  private static void section(StringBuilder acl, ServiceAccount account) {
    switch (account) {
      case GATEWAY -> {
        acl.append("# The gateway reads every device topic it subscribes to (plain or $share/<group>/ filters).\n");
        user(acl, account);
        for (TopicKind kind : TopicKind.values()) {
          acl.append("topic read devices/+/").append(kind.segment()).append('\n');
        }
      }
      case LOAD -> {
        acl.append("# The load generator publishes telemetry for any device id: give it to benchmark brokers only.\n");
        user(acl, account);
        acl.append("topic write devices/+/").append(TopicKind.TELEMETRY.segment()).append('\n');
      }
      case HEALTHCHECK -> {
        acl.append("# A container health check reads the broker's uptime.\n");
        user(acl, account);
        acl.append("topic read $SYS/broker/uptime\n");
      }
    }
  }

  private static void user(StringBuilder acl, ServiceAccount account) {
    acl.append("user ").append(account.username()).append('\n');
  }
}

package io.forewarn.gateway.credentials;

import io.forewarn.common.credentials.CredentialKey;
import io.forewarn.common.credentials.ServiceAccount;
import io.forewarn.common.telemetry.DeviceTopic;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the broker needs to let a fleet in: a Mosquitto password file with one line per device (user
 * name = device id, password derived from the {@link CredentialKey}) and per service account, and the
 * matching ACL ({@link BrokerAcl}). Devices whose id cannot be a device's user name are skipped with
 * the reason: an invalid id (docs/payloads.md) or the name of a service account.
 */
public record BrokerCredentials(String passwordFile, String acl, int devices, List<Skipped> skipped) {

  /** A registered device that got no credentials, and why. */
  public record Skipped(String deviceId, String reason) {
    public Skipped {
      if (deviceId == null || reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a skipped device needs its id and a reason");
      }
    }
  }

  public BrokerCredentials {
    if (passwordFile == null || acl == null || devices < 0) {
      throw new IllegalArgumentException("password file, ACL and a device count >= 0 are required");
    }
    skipped = List.copyOf(skipped);
  }

  /** Credentials for these registered devices plus the service accounts, sorted by user name. */
  public static BrokerCredentials forFleet(Collection<String> deviceIds, Set<ServiceAccount> accounts,
      CredentialKey key, SecureRandom random) {
    List<Skipped> skipped = new ArrayList<>();
    StringBuilder file = new StringBuilder();
    int devices = 0;
    for (String id : new TreeSet<>(deviceIds)) {
      if (!DeviceTopic.isValidDeviceId(id)) {
        skipped.add(new Skipped(id, "not a valid device id, so it cannot publish to devices/<id>/..."));
      } else if (ServiceAccount.byUsername(id) != null) {
        skipped.add(new Skipped(id, "the user name of a service account"));
      } else {
        line(file, id, key.devicePassword(id), random);
        devices++;
      }
    }
    for (ServiceAccount account : ServiceAccount.values()) {
      if (accounts.contains(account)) {
        line(file, account.username(), key.servicePassword(account), random);
      }
    }
    return new BrokerCredentials(file.toString(), BrokerAcl.render(accounts), devices, skipped);
  }

  private static void line(StringBuilder file, String username, String password, SecureRandom random) {
    file.append(username).append(':').append(MosquittoPasswordHash.hash(password, random)).append('\n');
  }
}

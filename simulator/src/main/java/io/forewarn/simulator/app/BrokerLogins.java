package io.forewarn.simulator.app;

import io.forewarn.common.credentials.CredentialKey;
import io.forewarn.common.credentials.ServiceAccount;
import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.mqtt.MqttLogin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker logins derived from the credential key that provisioning used
 * ({@code forewarn-gateway mqtt-credentials}): each device's own, or a service account's.
 */
final class BrokerLogins {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerLogins.class);

  private final CredentialKey key;

  private BrokerLogins(CredentialKey key) {
    this.key = key;
  }

  static BrokerLogins from(Path keyFile) throws IOException {
    if (CredentialKey.readableByOthers(keyFile)) {
      LOG.warn("key file {} is readable by other users; chmod 600 it", keyFile);
    }
    return new BrokerLogins(CredentialKey.read(keyFile));
  }

  /** Device {@code i}'s login at index {@code i}: user name = device id. */
  List<MqttLogin> devices(Fleet fleet) {
    return fleet.devices().stream().map(Device::externalId).map(id -> new MqttLogin(id, key.devicePassword(id)))
        .toList();
  }

  MqttLogin service(ServiceAccount account) {
    return new MqttLogin(account.username(), key.servicePassword(account));
  }
}

package io.forewarn.gateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.credentials.CredentialKey;
import io.forewarn.common.credentials.ServiceAccount;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BrokerCredentialsTest {
  private final CredentialKey key = CredentialKey.generate(new SecureRandom());

  @Test
  void writes_one_line_per_device_and_service_account_with_the_derived_password() {
    // GIVEN two registered devices and the gateway's account
    BrokerCredentials c = BrokerCredentials.forFleet(List.of("s42-gb-000002", "s42-cpe-000001"),
        EnumSet.of(ServiceAccount.GATEWAY), key, new SecureRandom());
    // THEN every line is user:$7$hash of that user's derived password, devices sorted, then the accounts
    Map<String, String> lines = c.passwordFile().lines()
        .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1)));
    assertThat(c.passwordFile().lines().map(l -> l.substring(0, l.indexOf(':'))))
        .containsExactly("s42-cpe-000001", "s42-gb-000002", "gateway");
    assertThat(MosquittoPasswordHash.matches(key.devicePassword("s42-cpe-000001"), lines.get("s42-cpe-000001")))
        .isTrue();
    assertThat(MosquittoPasswordHash.matches(key.devicePassword("s42-gb-000002"), lines.get("s42-gb-000002"))).isTrue();
    assertThat(MosquittoPasswordHash.matches(key.servicePassword(ServiceAccount.GATEWAY), lines.get("gateway")))
        .isTrue();
    assertThat(c.devices()).isEqualTo(2);
    assertThat(c.skipped()).isEmpty();
    assertThat(c.acl()).isEqualTo(BrokerAcl.render(EnumSet.of(ServiceAccount.GATEWAY)));
  }

  @Test
  void skips_a_device_registered_under_a_service_accounts_name_or_an_invalid_id() {
    // GIVEN a registry holding a device called "gateway" and one whose id could not be a topic level
    BrokerCredentials c = BrokerCredentials.forFleet(List.of("gateway", "bad/id", "ok-1"),
        EnumSet.of(ServiceAccount.GATEWAY), key, new SecureRandom());
    // THEN neither gets a line: "gateway" appears once, with the service account's password
    Map<String, BrokerCredentials.Skipped> skipped = c.skipped().stream()
        .collect(Collectors.toMap(BrokerCredentials.Skipped::deviceId, Function.identity()));
    assertThat(skipped).containsOnlyKeys("gateway", "bad/id");
    assertThat(skipped.get("gateway").reason()).contains("service account");
    assertThat(c.passwordFile().lines().filter(l -> l.startsWith("gateway:")).toList()).singleElement()
        .satisfies(l -> assertThat(MosquittoPasswordHash.matches(key.servicePassword(ServiceAccount.GATEWAY),
            l.substring("gateway:".length()))).isTrue());
    assertThat(c.devices()).isEqualTo(1);
  }

  @Test
  void an_empty_registry_still_gives_the_service_accounts_and_the_acl() {
    BrokerCredentials c = BrokerCredentials.forFleet(List.of(), EnumSet.of(ServiceAccount.GATEWAY,
        ServiceAccount.LOAD), key, new SecureRandom());
    assertThat(c.passwordFile().lines().map(l -> l.substring(0, l.indexOf(':')))).containsExactly("gateway", "load");
    assertThat(c.devices()).isZero();
  }
}

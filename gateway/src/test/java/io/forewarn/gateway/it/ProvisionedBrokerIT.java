package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.common.credentials.CredentialKey;
import io.forewarn.common.credentials.ServiceAccount;
import io.forewarn.common.db.Database;
import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import io.forewarn.gateway.app.CredentialsCommand;
import io.forewarn.gateway.app.Gateway;
import io.forewarn.gateway.credentials.CredentialFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning end to end: devices registered in a real TimescaleDB, `mqtt-credentials` writes the
 * password file and ACL, a real Mosquitto runs with exactly those files (no hand-written ACL), and
 * the real gateway logs in with its own account and stores what devices may publish.
 */
@Timeout(120)
class ProvisionedBrokerIT {
  @TempDir
  static Path dir;
  private static TestDatabase db;
  private static TestMosquitto broker;
  private static Gateway gateway;
  private static CredentialKey key;

  @BeforeAll
  static void start() throws Exception {
    // GIVEN devices A and B in the registry, provisioned with the gateway's account
    db = TestDatabase.create("provisioned_it");
    try (HikariDataSource pool = Database.pool(db.jdbcUrl(), 2, "provisioned-it")) {
      Database.migrate(pool);
    }
    register("dev-a", "dev-b");
    assertThat(provision()).as("mqtt-credentials exit code").isZero();
    key = CredentialKey.read(dir.resolve("key"));
    // AND a broker that accepts only those credentials, and the gateway logged in as itself
    broker = TestMosquitto.startAuthenticated(dir.resolve(CredentialFiles.PASSWORDS), dir.resolve(CredentialFiles.ACL));
    Map<String, String> env = ItSupport.env(db.jdbcUrl(), broker.uri());
    env.put("FOREWARN_MQTT_USERNAME", ServiceAccount.GATEWAY.username());
    env.put("FOREWARN_MQTT_PASSWORD", key.servicePassword(ServiceAccount.GATEWAY));
    gateway = ItSupport.start(env);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.stop().await();
    }
    if (broker != null) {
      broker.close();
    }
    db.close();
  }

  @Test
  void a_device_publishes_to_its_own_topics_and_the_gateway_stores_them() throws Exception {
    // WHEN device A logs in with its derived password and publishes telemetry, SenML and its status
    MqttAsyncClient a = device("dev-a", "own");
    assertThat(BrokerLogin.publish(a, "devices/dev-a/telemetry", telemetry("own", 1))).isZero();
    assertThat(BrokerLogin.publish(a, "devices/dev-a/senml", "[{\"n\":\"own\",\"v\":2,\"t\":"
        + Instant.now().minusSeconds(5).getEpochSecond() + "}]")).isZero();
    assertThat(BrokerLogin.publish(a, "devices/dev-a/status", "offline")).isZero();
    BrokerLogin.close(a);
    // THEN the gateway, logged in as itself, received and stored all three
    assertThat(Eventually.await(Duration.ofSeconds(30), () -> rows("dev-a", "own"), n -> n >= 2)).isEqualTo(2);
    assertThat(Eventually.await(Duration.ofSeconds(10), () -> db.queryLong("SELECT count(*) FROM device_status s"
        + " JOIN devices d ON d.id = s.device_id WHERE d.external_id = 'dev-a'"), n -> n >= 1)).isEqualTo(1);
  }

  @Test
  void a_device_cannot_publish_as_another_device() throws Exception {
    // WHEN device A publishes to device B's telemetry and status topics (one session each)
    MqttAsyncClient a = device("dev-a", "forger");
    int telemetry = BrokerLogin.publish(a, "devices/dev-b/telemetry", telemetry("forged", 666));
    BrokerLogin.close(a);
    a = device("dev-a", "forger-2");
    int status = BrokerLogin.publish(a, "devices/dev-b/status", "offline");
    BrokerLogin.close(a);
    // AND then something of its own (in a new session: Paho drops one whose publish was refused), which
    // the gateway stores after the broker handled the forgeries
    a = device("dev-a", "forger-3");
    assertThat(BrokerLogin.publish(a, "devices/dev-a/telemetry", telemetry("forged", 7))).isZero();
    BrokerLogin.close(a);
    Eventually.await(Duration.ofSeconds(30), () -> rows("dev-a", "forged"), n -> n >= 1);
    // THEN the broker refused both (MQTT 5 "not authorized") and nothing was stored for B
    assertThat(telemetry).isEqualTo(BrokerLogin.NOT_AUTHORIZED);
    assertThat(status).isEqualTo(BrokerLogin.NOT_AUTHORIZED);
    assertThat(rows("dev-b", "forged")).isZero();
    assertThat(db.queryLong("SELECT count(*) FROM device_status s JOIN devices d ON d.id = s.device_id"
        + " WHERE d.external_id = 'dev-b'")).isZero();
  }

  @Test
  void a_wrong_password_an_unprovisioned_device_and_an_anonymous_client_cannot_log_in() {
    String uri = broker.uri();
    assertThat(BrokerLogin.refusal(uri, "wrong", "dev-a", key.devicePassword("dev-b")))
        .isIn(BrokerLogin.BAD_USER_NAME_OR_PASSWORD, BrokerLogin.NOT_AUTHORIZED);
    assertThat(BrokerLogin.refusal(uri, "unknown", "dev-unregistered", key.devicePassword("dev-unregistered")))
        .isIn(BrokerLogin.BAD_USER_NAME_OR_PASSWORD, BrokerLogin.NOT_AUTHORIZED);
    assertThat(BrokerLogin.refusal(uri, "anonymous", null, null))
        .isIn(BrokerLogin.BAD_USER_NAME_OR_PASSWORD, BrokerLogin.NOT_AUTHORIZED);
    // AND a device cannot borrow the gateway's account with its own password
    assertThat(BrokerLogin.refusal(uri, "borrow", "gateway", key.devicePassword("dev-a")))
        .isIn(BrokerLogin.BAD_USER_NAME_OR_PASSWORD, BrokerLogin.NOT_AUTHORIZED);
  }

  @Test
  void a_device_reads_nothing_while_the_gateway_account_also_receives_through_a_shared_subscription()
      throws Exception {
    // GIVEN device A subscribed to everything, and a second gateway-account session on a shared subscription
    List<String> deviceSaw = new CopyOnWriteArrayList<>();
    List<String> sharedSaw = new CopyOnWriteArrayList<>();
    MqttAsyncClient a = device("dev-a", "reader");
    BrokerLogin.collect(a, deviceSaw);
    a.subscribe(new String[] {"#", "devices/dev-a/telemetry"}, new int[] {1, 1}).waitForCompletion(5_000);
    MqttAsyncClient shared = BrokerLogin.connect(broker.uri(), "gw-shared-it", ServiceAccount.GATEWAY.username(),
        key.servicePassword(ServiceAccount.GATEWAY));
    BrokerLogin.collect(shared, sharedSaw);
    shared.subscribe("$share/it/devices/+/telemetry", 1).waitForCompletion(5_000);
    // WHEN device B and device A publish
    MqttAsyncClient b = device("dev-b", "writer");
    assertThat(BrokerLogin.publish(b, "devices/dev-b/telemetry", telemetry("read", 3))).isZero();
    MqttAsyncClient a2 = device("dev-a", "writer");
    assertThat(BrokerLogin.publish(a2, "devices/dev-a/telemetry", telemetry("read", 4))).isZero();
    // THEN the gateway account receives both, the device neither (not even its own)
    assertThat(Eventually.await(Duration.ofSeconds(10), () -> sharedSaw.size(), n -> n >= 2)).isEqualTo(2);
    assertThat(Eventually.await(Duration.ofSeconds(30), () -> rows("dev-a", "read"), n -> n >= 1)).isEqualTo(1);
    assertThat(deviceSaw).isEmpty();
    for (MqttAsyncClient c : List.of(a, a2, b, shared)) {
      BrokerLogin.close(c);
    }
  }

  @Test
  void a_device_registered_later_gets_in_once_provisioning_ran_again_and_the_broker_reloaded() throws Exception {
    // GIVEN a device registered after the broker started: refused for now
    register("dev-late");
    assertThat(BrokerLogin.refusal(broker.uri(), "late-1", "dev-late", key.devicePassword("dev-late")))
        .isIn(BrokerLogin.BAD_USER_NAME_OR_PASSWORD, BrokerLogin.NOT_AUTHORIZED);
    // WHEN the operator runs provisioning again and sends the broker SIGHUP
    assertThat(provision()).isZero();
    assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(broker.pid())).start().waitFor()).isZero();
    // THEN the device logs in and publishes, and the others' passwords still work
    int refusal = Eventually.await(Duration.ofSeconds(10),
        () -> BrokerLogin.refusal(broker.uri(), "late-2", "dev-late", key.devicePassword("dev-late")), r -> r == -1);
    assertThat(refusal).isEqualTo(-1);
    assertThat(BrokerLogin.refusal(broker.uri(), "a-again", "dev-a", key.devicePassword("dev-a"))).isEqualTo(-1);
  }

  private static int provision() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new CredentialsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8), Map.of("FOREWARN_DB_URL", db.jdbcUrl()))
        .run(List.of("--key-file", dir.resolve("key").toString(), "--new-key", "--out", dir.toString()));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("the accounts [gateway]");
    return code;
  }

  private static void register(String... ids) {
    for (String id : ids) {
      db.exec("INSERT INTO devices (external_id, registered_by) VALUES ('" + id + "', 'operator')");
    }
  }

  private static MqttAsyncClient device(String id, String session) throws Exception {
    return BrokerLogin.connect(broker.uri(), id + "-" + session, id, key.devicePassword(id));
  }

  /** Rows of {@code device} carrying {@code metric} (each test publishes its own metric name). */
  private static long rows(String device, String metric) {
    return db.queryLong("SELECT count(*) FROM telemetry t JOIN devices d ON d.id = t.device_id"
        + " JOIN metrics m ON m.id = ANY (t.metric_ids) WHERE d.external_id = '" + device + "' AND m.name = '" + metric
        + "'");
  }

  private static String telemetry(String metric, double value) {
    return "{\"ts\":" + Instant.now().minusSeconds(1).toEpochMilli() + ",\"metrics\":{\"" + metric + "\":" + value
        + "}}";
  }
}

package io.forewarn.simulator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.credentials.CredentialKey;
import io.forewarn.common.credentials.ServiceAccount;
import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import io.forewarn.gateway.app.CredentialsCommand;
import io.forewarn.gateway.app.Gateway;
import io.forewarn.gateway.credentials.CredentialFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's path with authentication: the simulator registers the fleet, `mqtt-credentials`
 * provisions it, Mosquitto runs with exactly those files, the gateway logs in as itself, and every
 * simulated device logs in over its own session with its own password.
 */
@Timeout(180)
class DeviceCredentialsIT {
  private static final int DEVICES = 40;
  @TempDir
  static Path dir;
  private static TestDatabase db;
  private static TestMosquitto broker;
  private static Gateway gateway;
  private static Path key;

  @BeforeAll
  static void start() throws Exception {
    // GIVEN a registered fleet of 40 devices, provisioned with the gateway's and the load generator's accounts
    db = TestDatabase.create("sim_cred_it");
    Cli register = Cli.run("register", "--devices", Integer.toString(DEVICES), "--seed", "23", "--db-url",
        db.jdbcUrl());
    assertThat(register.exitCode()).as(register.out() + register.err()).isZero();
    key = dir.resolve("key");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int provisioned = new CredentialsCommand(print, print, Map.of("FOREWARN_DB_URL", db.jdbcUrl()))
        .run(List.of("--key-file", key.toString(), "--new-key", "--out", dir.toString(), "--accounts", "gateway,load"));
    assertThat(provisioned).as(out.toString(StandardCharsets.UTF_8)).isZero();
    // AND a broker taking only those credentials, and the gateway logged in with its own
    broker = TestMosquitto.startAuthenticated(dir.resolve(CredentialFiles.PASSWORDS), dir.resolve(CredentialFiles.ACL));
    gateway = InProcessGateway.start(db.jdbcUrl(), broker.uri(), Map.of(
        "FOREWARN_MQTT_USERNAME", ServiceAccount.GATEWAY.username(),
        "FOREWARN_MQTT_PASSWORD", CredentialKey.read(key).servicePassword(ServiceAccount.GATEWAY)));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      InProcessGateway.stop(gateway);
    } finally {
      if (broker != null) {
        broker.close();
      }
      db.close();
    }
  }

  @Test
  void each_device_logs_in_as_itself_and_everything_it_sends_is_stored(@TempDir Path run) throws Exception {
    // WHEN the fleet replays the last 4 hours at 3600x with the credential key from the environment
    Cli cli = Cli.run(Map.of("FOREWARN_MQTT_KEY_FILE", key.toString()), "accelerated", "--devices",
        Integer.toString(DEVICES), "--span", "4h", "--speed", "3600", "--seed", "23", "--mqtt-uri", broker.uri(),
        "--db-url", db.jdbcUrl(), "--truth-file", run.resolve("t.json").toString());
    // THEN nothing was refused, every message was acknowledged and every telemetry message stored
    assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
    assertThat(cli.out()).contains("publishing as each device: " + DEVICES + " sessions");
    long telemetry = cli.number("telemetry (\\d+)");
    long statuses = cli.number("status (\\d+)");
    assertThat(cli.out()).contains("acked " + (telemetry + statuses)).contains("failed 0");
    long rows = 0;
    for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline && rows < telemetry;) {
      rows = db.queryLong("SELECT count(*) FROM telemetry t JOIN devices d ON d.id = t.device_id"
          + " WHERE d.external_id LIKE 's23-%'");
      Thread.sleep(200);
    }
    assertThat(rows).isEqualTo(telemetry);
    assertThat(db.queryLong("SELECT count(*) FROM rejected_messages")).isZero();
    // AND the broker saw 40 sessions, each logged in with a device's own id as user name
    assertThat(loggedInUsers()).hasSize(DEVICES).allMatch(u -> u.startsWith("s23-"));
  }

  @Test
  void a_device_that_was_not_provisioned_cannot_log_in() {
    // WHEN the fleet grows by one device that was registered after provisioning ran
    Cli cli = Cli.run("accelerated", "--devices", Integer.toString(DEVICES + 1), "--span", "1h", "--speed", "3600",
        "--seed", "23", "--mqtt-uri", broker.uri(), "--db-url", db.jdbcUrl(), "--mqtt-key-file", key.toString(),
        "--truth-file", dir.resolve("late.json").toString());
    // THEN the run fails before publishing anything, naming the refused device
    assertThat(cli.exitCode()).isEqualTo(1);
    assertThat(cli.err()).contains("the broker refused 1 of 41 device logins: s23-").contains("provisioned");
  }

  @Test
  void the_load_generator_logs_in_as_its_service_account_with_either_client() {
    for (String client : List.of("paho", "lean")) {
      // WHEN the load tool publishes with the key, then without it
      Cli withKey = Cli.run("load", "--rate", "200", "--step", "1s", "--devices", "10", "--connections", "2",
          "--device-prefix", "ld-" + client, "--client", client, "--mqtt-uri", broker.uri(), "--mqtt-key-file",
          key.toString(), "--drain", "5s");
      Cli anonymous = Cli.run("load", "--rate", "200", "--step", "1s", "--devices", "10", "--connections", "2",
          "--client", client, "--mqtt-uri", broker.uri(), "--drain", "5s");
      // THEN it is let in as 'load' and every message is acknowledged; anonymously it is refused
      assertThat(withKey.exitCode()).as(withKey.out() + withKey.err()).isZero();
      assertThat(withKey.out()).contains("(as load)");
      assertThat(anonymous.exitCode()).as(anonymous.out()).isNotZero();
    }
  }

  /** User names of device sessions in the broker log ("New client connected ... u's23-cpe-000001'"). */
  private static List<String> loggedInUsers() throws Exception {
    Matcher m = Pattern.compile("New client connected from .* as s23-\\S+ \\(.*u'([^']+)'\\)")
        .matcher(Files.readString(broker.logFile()));
    List<String> users = new java.util.ArrayList<>();
    while (m.find()) {
      users.add(m.group(1));
    }
    return users.stream().distinct().collect(Collectors.toList());
  }
}

package io.forewarn.notifier.app;

import static io.forewarn.notifier.app.NotifierHarness.ACCOUNT;
import static io.forewarn.notifier.app.NotifierHarness.AUTH_TOKEN;
import static io.forewarn.notifier.app.NotifierHarness.MESSAGES;
import static io.forewarn.notifier.app.NotifierHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged notifier jar as a real process, killed with SIGKILL in the middle of a batch of
 * SMS, then started again: every customer gets exactly one SMS, none twice, none lost.
 */
class KillIT {
  private static final int CUSTOMERS = 40;
  /** The fake takes this many messages normally, then holds its replies: sends are in flight at the kill. */
  private static final int ANSWERED_BEFORE_HOLD = 12;
  private static final Duration WAIT = Duration.ofSeconds(90);

  private NotifierHarness h;
  private FakeTwilio twilio;
  private Process process;

  @BeforeEach
  void setUp() throws IOException {
    h = new NotifierHarness();
    twilio = new FakeTwilio(MESSAGES, ANSWERED_BEFORE_HOLD);
  }

  @AfterEach
  void tearDown() {
    if (process != null) {
      process.destroyForcibly();
    }
    twilio.close();
    h.close();
  }

  @Test
  void killed_with_sigkill_mid_batch_and_restarted_sends_every_sms_exactly_once() throws Exception {
    // GIVEN forty customers, each with a new device problem, and a notifier process sending their SMS
    for (int i = 0; i < CUSTOMERS; i++) {
      h.openDeviceProblem(h.customer(String.format("+4477009002%02d", i), null));
    }
    process = start("first");
    // WHEN it is killed -9 while Twilio has taken messages it has not answered yet
    eventually(WAIT, () -> twilio.accepted().size() > ANSWERED_BEFORE_HOLD + 2, "sends in flight");
    process.destroyForcibly().waitFor();
    assertThat(process.exitValue()).isEqualTo(137);
    int before = twilio.accepted().size();
    long inFlight = h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'sending'");
    assertThat(before).isLessThan(CUSTOMERS);
    assertThat(inFlight).isGreaterThan(0);
    twilio.release();
    // AND the dead instance has been gone for five minutes, longer than the one-minute clock-skew
    // allowance of reconciliation (its claims and Twilio's records move back together)
    h.db.exec("UPDATE deliveries SET sending_since = sending_since - interval '5 minutes',"
        + " send_started_at = send_started_at - interval '5 minutes' WHERE status = 'sending'");
    twilio.shiftCreated(Duration.ofMinutes(-5));
    // AND a new process starts on the same database
    process = start("second");
    // THEN every SMS ends 'sent', each number got exactly one message, and each delivery holds its sid
    eventually(WAIT,
        () -> h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'sent'") == CUSTOMERS,
        "every SMS sent");
    Thread.sleep(1000);
    List<FakeTwilio.Accepted> all = twilio.accepted();
    assertThat(all).hasSize(CUSTOMERS);
    assertThat(all.stream().map(FakeTwilio.Accepted::to)).doesNotHaveDuplicates();
    Map<String, String> sidByNumber = all.stream().collect(Collectors.toMap(FakeTwilio.Accepted::to,
        FakeTwilio.Accepted::sid));
    assertThat(recordedSids()).isEqualTo(sidByNumber);
    // the messages Twilio took but never answered were reconciled, not sent again
    assertThat(h.queryLong("SELECT count(*) FROM delivery_attempts WHERE outcome = 'reconciled'"))
        .isGreaterThanOrEqualTo(Math.min(inFlight, before - ANSWERED_BEFORE_HOLD));
    assertThat(h.queryLong("SELECT count(*) FROM deliveries WHERE status IN ('unknown', 'failed', 'sending')"))
        .isZero();
  }

  private Map<String, String> recordedSids() throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (Connection c = h.ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT c.phone, d.provider_id"
        + " FROM deliveries d JOIN customers c ON c.id = d.customer_id WHERE d.channel = 'sms'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  /** The shaded jar as a child process with the service's environment; its output goes to target/. */
  private Process start(String instance) throws IOException {
    Path jar;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("forewarn-notifier-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("run 'mvn verify': the notifier jar is built in 'package'"));
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("FOREWARN_"));
    env.put("FOREWARN_DB_URL", h.db.jdbcUrl());
    env.put("FOREWARN_DB_POOL_SIZE", "4");
    env.put("FOREWARN_NOTIFIER_TWILIO_ACCOUNT_SID", ACCOUNT);
    env.put("FOREWARN_NOTIFIER_TWILIO_AUTH_TOKEN", AUTH_TOKEN);
    env.put("FOREWARN_NOTIFIER_TWILIO_FROM", "+15005550006");
    env.put("FOREWARN_NOTIFIER_TWILIO_BASE_URL", twilio.baseUrl());
    env.put("FOREWARN_NOTIFIER_TWILIO_RATE_PER_MINUTE", "1200");
    env.put("FOREWARN_NOTIFIER_TWILIO_BURST", "4");
    env.put("FOREWARN_NOTIFIER_TWILIO_TIMEOUT", "5s");
    env.put("FOREWARN_NOTIFIER_INSTANCE_ID", instance);
    env.put("FOREWARN_NOTIFIER_POLL_INTERVAL", "50ms");
    env.put("FOREWARN_NOTIFIER_SENDING_LEASE", "6s");
    env.put("FOREWARN_NOTIFIER_HTTP_PORT", "0");
    File log = Path.of("target", "kill-it-" + instance + ".log").toFile();
    return pb.redirectErrorStream(true).redirectOutput(log).start();
  }
}

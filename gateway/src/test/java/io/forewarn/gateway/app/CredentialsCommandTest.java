package io.forewarn.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.credentials.CredentialKey;
import io.forewarn.common.credentials.ServiceAccount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's argument handling and key management; provisioning from a database: ProvisionedBrokerIT. */
class CredentialsCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void lists_every_argument_problem_at_once() {
    // WHEN run without a key file, with both modes and an unknown account
    int code = run(Map.of(), "--out", "x", "--password-of", "gateway", "--accounts", "gateway,admin", "--verbose");
    // THEN it exits 2 naming each problem
    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("--key-file (or FOREWARN_MQTT_KEY_FILE) is required")
        .contains("either --out DIR or --password-of NAME").contains("unknown account 'admin'")
        .contains("unexpected argument '--verbose'");
  }

  @Test
  void prints_the_derived_password_of_a_service_account_or_a_device(@TempDir Path dir) throws Exception {
    // GIVEN a key file named by the environment
    Path file = dir.resolve("key");
    int created = run(Map.of("FOREWARN_MQTT_KEY_FILE", file.toString()), "--new-key", "--password-of", "gateway");
    CredentialKey key = CredentialKey.read(file);
    // THEN --password-of prints the account's or the device's password on the last line
    assertThat(created).isZero();
    assertThat(lastLine()).isEqualTo(key.servicePassword(ServiceAccount.GATEWAY));
    assertThat(run(Map.of(), "--key-file", file.toString(), "--password-of", "s42-cpe-000001")).isZero();
    assertThat(lastLine()).isEqualTo(key.devicePassword("s42-cpe-000001"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void never_creates_a_key_unless_asked(@TempDir Path dir) {
    Path file = dir.resolve("missing");
    assertThat(run(Map.of(), "--key-file", file.toString(), "--password-of", "gateway")).isEqualTo(1);
    assertThat(err()).contains("does not exist (--new-key creates one)");
    assertThat(file).doesNotExist();
  }

  @Test
  void warns_when_others_may_read_the_key(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key");
    run(Map.of(), "--key-file", file.toString(), "--new-key", "--password-of", "gateway");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(run(Map.of(), "--key-file", file.toString(), "--password-of", "gateway")).isZero();
    assertThat(err()).contains("chmod 600");
  }

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    return new CredentialsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env).run(List.of(args));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String lastLine() {
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    return lines.get(lines.size() - 1);
  }
}

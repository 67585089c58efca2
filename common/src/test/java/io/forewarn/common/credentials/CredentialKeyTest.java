package io.forewarn.common.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialKeyTest {
  /** 32 bytes 0x00..0x1f. */
  private static final String KEY = Base64.getEncoder().encodeToString(bytes(32));

  @Test
  void derives_the_documented_hmac_for_devices_and_service_accounts(@TempDir Path dir) throws Exception {
    // GIVEN a known key
    Path file = dir.resolve("key");
    Files.writeString(file, KEY + "\n");
    CredentialKey key = CredentialKey.read(file);
    // WHEN passwords are derived
    // THEN they are HMAC-SHA256(key, label) in base64url without padding, as computed independently by
    //   printf %s LABEL | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102..1f -binary | base64 | tr '+/' '-_'
    assertThat(key.devicePassword("dev-0001")).isEqualTo("FD6ftyJdFpCroOWgKfZFtH5mkR1GuDNTPFUkGjZDidA");
    assertThat(key.servicePassword(ServiceAccount.GATEWAY)).isEqualTo("1eDFXrp3JSmmhzC7aD00gSfMi2VyFul0EH9bg62uYgE");
    assertThat(key.devicePassword("dev-0001")).hasSize(43).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void a_device_named_like_a_service_account_gets_another_password() {
    CredentialKey key = CredentialKey.generate(new SecureRandom());
    assertThat(key.devicePassword("gateway")).isNotEqualTo(key.servicePassword(ServiceAccount.GATEWAY));
  }

  @Test
  void passwords_differ_per_device_and_per_key() {
    CredentialKey a = CredentialKey.generate(new SecureRandom());
    CredentialKey b = CredentialKey.generate(new SecureRandom());
    assertThat(a.devicePassword("dev-0001")).isEqualTo(a.devicePassword("dev-0001"))
        .isNotEqualTo(a.devicePassword("dev-0002")).isNotEqualTo(b.devicePassword("dev-0001"));
  }

  @Test
  void refuses_an_invalid_device_id() {
    CredentialKey key = CredentialKey.generate(new SecureRandom());
    assertThatThrownBy(() -> key.devicePassword("a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> key.devicePassword("#")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_new_key_file_is_private_and_never_replaced(@TempDir Path dir) throws Exception {
    // GIVEN a generated key written to a new file
    CredentialKey key = CredentialKey.generate(new SecureRandom());
    Path file = dir.resolve("sub/key");
    key.writeNew(file);
    // THEN only its owner may read it, it reads back as the same key, and a second write is refused
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(CredentialKey.read(file).devicePassword("d1")).isEqualTo(key.devicePassword("d1"));
    assertThatThrownBy(() -> CredentialKey.generate(new SecureRandom()).writeNew(file))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(CredentialKey.read(file).devicePassword("d1")).isEqualTo(key.devicePassword("d1"));
  }

  @Test
  void refuses_a_key_file_that_is_not_base64_or_too_short(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("text"), "not a key!");
    Path shortKey = Files.writeString(dir.resolve("short"), Base64.getEncoder().encodeToString(bytes(16)));
    assertThatThrownBy(() -> CredentialKey.read(text)).hasMessageContaining("base64");
    assertThatThrownBy(() -> CredentialKey.read(shortKey)).hasMessageContaining("16 bytes");
  }

  @Test
  void never_prints_the_key() {
    assertThat(CredentialKey.generate(new SecureRandom()).toString()).isEqualTo("CredentialKey[****]");
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }
}

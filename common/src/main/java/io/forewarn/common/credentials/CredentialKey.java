package io.forewarn.common.credentials;

import io.forewarn.common.telemetry.DeviceTopic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret a fleet's MQTT passwords derive from: a device's password is
 * HMAC-SHA256(key, "forewarn/mqtt/device/" + device id), a service account's
 * HMAC-SHA256(key, "forewarn/mqtt/service/" + user name), each base64url without padding (43
 * characters). So nothing but this key has to be stored: the provisioning command writes only
 * salted hashes for the broker, and whoever holds the key (the simulator playing the fleet, a
 * factory flashing devices) can compute any one password. The file holds the key in base64.
 */
public final class CredentialKey {
  /** Size of a generated key; a key file must hold at least this much. */
  public static final int BYTES = 32;
  private static final String DEVICE_LABEL = "forewarn/mqtt/device/";
  private static final String SERVICE_LABEL = "forewarn/mqtt/service/";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final byte[] key;

  private CredentialKey(byte[] key) {
    if (key.length < BYTES) {
      throw new IllegalArgumentException("a credential key needs at least " + BYTES + " bytes, got " + key.length);
    }
    this.key = key.clone();
  }

  public static CredentialKey generate(SecureRandom random) {
    byte[] key = new byte[BYTES];
    random.nextBytes(key);
    return new CredentialKey(key);
  }

  /** Reads a key file (base64 text). */
  public static CredentialKey read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key file " + file + " does not hold base64 text", e);
    }
    if (key.length < BYTES) {
      throw new IllegalArgumentException("key file " + file + " holds " + key.length + " bytes, at least " + BYTES
          + " are needed");
    }
    return new CredentialKey(key);
  }

  /** Writes the key to a new file readable by its owner only; never replaces an existing one. */
  public void writeNew(Path file) throws IOException {
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "a key file is never replaced");
    }
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
    if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      Files.write(file, text, StandardOpenOption.TRUNCATE_EXISTING);
    } else {
      Files.write(file, text, StandardOpenOption.CREATE_NEW);
    }
  }

  /** The password of the device with this id (a valid device id: docs/payloads.md). */
  public String devicePassword(String deviceId) {
    if (!DeviceTopic.isValidDeviceId(deviceId)) {
      throw new IllegalArgumentException("not a valid device id: " + deviceId);
    }
    return derive(DEVICE_LABEL + deviceId);
  }

  public String servicePassword(ServiceAccount account) {
    return derive(SERVICE_LABEL + account.username());
  }

  private String derive(String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Whether users other than the file's owner may read it (a key file should be {@code chmod 600}). */
  public static boolean readableByOthers(Path file) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return false;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    return permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ);
  }

  @Override
  public String toString() {
    return "CredentialKey[****]";
  }
}

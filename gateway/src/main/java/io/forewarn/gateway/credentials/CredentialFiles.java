package io.forewarn.gateway.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes {@code passwords} and {@code acl} into a directory, each through a temporary file renamed
 * into place, so a broker reloading on SIGHUP reads either the old or the new file, never half of
 * one. The password file is readable by its owner only (Mosquitto warns about anything else).
 */
public final class CredentialFiles {
  public static final String PASSWORDS = "passwords";
  public static final String ACL = "acl";

  private CredentialFiles() {}

  public static void write(Path dir, BrokerCredentials credentials) throws IOException {
    Files.createDirectories(dir);
    replace(dir.resolve(PASSWORDS), credentials.passwordFile(), "rw-------");
    replace(dir.resolve(ACL), credentials.acl(), "rw-r--r--");
  }

  private static void replace(Path target, String content, String permissions) throws IOException {
    boolean posix = target.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
        : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp", attributes);
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

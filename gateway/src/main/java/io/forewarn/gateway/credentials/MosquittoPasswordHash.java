package io.forewarn.gateway.credentials;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes as Mosquitto 2 reads them from a {@code password_file}, the format
 * {@code mosquitto_passwd} writes: {@code $7$<iterations>$<base64 salt>$<base64 hash>}, where the
 * hash is PBKDF2-HMAC-SHA512 of the UTF-8 password over a 12-byte random salt, 64 bytes long, with
 * 101 iterations (mosquitto_passwd's default), both in standard base64 with padding.
 */
public final class MosquittoPasswordHash {
  static final int ITERATIONS = 101;
  static final int SALT_BYTES = 12;
  private static final int HASH_BYTES = 64;
  private static final String PREFIX = "$7$";

  private MosquittoPasswordHash() {}

  /** A new hash of {@code password} with a fresh salt. */
  public static String hash(String password, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return hash(password, salt, ITERATIONS);
  }

  static String hash(String password, byte[] salt, int iterations) {
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + iterations + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(pbkdf2(password, salt, iterations));
  }

  /** Whether {@code encoded} (a {@code $7$} entry) is a hash of {@code password}. */
  public static boolean matches(String password, String encoded) {
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 5 || !parts[0].isEmpty() || !parts[1].equals("7")) {
      throw new IllegalArgumentException("not a Mosquitto $7$ (PBKDF2-SHA512) hash");
    }
    int iterations = Integer.parseInt(parts[2]);
    byte[] salt = Base64.getDecoder().decode(parts[3]);
    byte[] expected = Base64.getDecoder().decode(parts[4]);
    return MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations));
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    // SunJCE's PBKDF2 turns the password's chars into UTF-8 bytes, as mosquitto_passwd hashes them.
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA512 is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}

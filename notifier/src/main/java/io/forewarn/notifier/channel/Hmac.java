package io.forewarn.notifier.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC signing and constant-time comparison for webhook and callback signatures. */
public final class Hmac {
  public static final String SHA1 = "HmacSHA1";
  public static final String SHA256 = "HmacSHA256";

  private Hmac() {}

  public static byte[] sign(String algorithm, byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available in this JVM", e);
    }
  }

  public static String signBase64(String algorithm, byte[] key, byte[] data) {
    return Base64.getEncoder().encodeToString(sign(algorithm, key, data));
  }

  /** Compares without an early exit, so timing reveals nothing about how much matched. */
  public static boolean constantTimeEquals(String expected, String actual) {
    if (expected == null || actual == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }
}

package io.forewarn.notifier.channel.sms;

import io.forewarn.notifier.channel.Hmac;
import io.forewarn.notifier.channel.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verifies {@code X-Twilio-Signature}: Base64(HMAC-SHA1(auth token, URL + params)), where URL is
 * exactly what Twilio called (scheme, host, port, path, query) and the form parameters follow
 * sorted by name, each name then value with no separator (repeated names: values sorted). JSON
 * webhooks sign the URL alone and carry {@code bodySHA256} (hex SHA-256 of the raw body) in the
 * query. Like Twilio's helpers we also try the URL with and without the default port, because
 * proxies add or drop it. Behind a TLS-terminating proxy pass the public https URL, not the
 * internal http one.
 */
public final class TwilioSignatureValidator {
  private final byte[] authToken;

  public TwilioSignatureValidator(String authToken) {
    this.authToken = authToken.getBytes(StandardCharsets.UTF_8);
  }

  public SignatureCheck validateForm(String url, Map<String, List<String>> params, String signature) {
    if (signature == null || signature.isBlank()) {
      return SignatureCheck.MISSING;
    }
    for (String candidate : urlVariants(url)) {
      if (Hmac.constantTimeEquals(sign(candidate, params), signature.strip())) {
        return SignatureCheck.VALID;
      }
    }
    return SignatureCheck.MISMATCH;
  }

  public SignatureCheck validateJson(String url, byte[] rawBody, String signature) {
    if (signature == null || signature.isBlank()) {
      return SignatureCheck.MISSING;
    }
    String expectedHash = queryParam(url, "bodySHA256");
    if (expectedHash == null) {
      return SignatureCheck.MALFORMED;
    }
    if (validateForm(url, Map.of(), signature) != SignatureCheck.VALID) {
      return SignatureCheck.MISMATCH;
    }
    return Hmac.constantTimeEquals(expectedHash.toLowerCase(Locale.ROOT), sha256Hex(rawBody))
        ? SignatureCheck.VALID : SignatureCheck.MISMATCH;
  }

  /** The signature Twilio would send for this request (also used to sign test requests). */
  public String sign(String url, Map<String, List<String>> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, values) -> {
      List<String> sorted = new ArrayList<>(values);
      sorted.sort(null);
      sorted.forEach(value -> data.append(name).append(value == null ? "" : value));
    });
    return Hmac.signBase64(Hmac.SHA1, authToken, data.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The URL as given, plus the same URL with the scheme's default port added or removed. */
  static Set<String> urlVariants(String url) {
    Set<String> variants = new LinkedHashSet<>();
    variants.add(url);
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return variants;
    }
    String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    String defaultPort = scheme.equals("https") ? "443" : scheme.equals("http") ? "80" : null;
    if (defaultPort == null) {
      return variants;
    }
    int authorityStart = schemeEnd + 3;
    int authorityEnd = url.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int at = url.indexOf(c, authorityStart);
      if (at >= 0 && at < authorityEnd) {
        authorityEnd = at;
      }
    }
    String authority = url.substring(authorityStart, authorityEnd);
    String head = url.substring(0, authorityStart);
    String rest = url.substring(authorityEnd);
    int colon = authority.lastIndexOf(':');
    boolean hasPort = colon > authority.lastIndexOf(']') && colon > authority.lastIndexOf('@');
    if (!hasPort) {
      variants.add(head + authority + ":" + defaultPort + rest);
    } else if (authority.substring(colon + 1).equals(defaultPort)) {
      variants.add(head + authority.substring(0, colon) + rest);
    }
    return variants;
  }

  private static String queryParam(String url, String name) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return pair.substring(eq + 1);
      }
    }
    return null;
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}

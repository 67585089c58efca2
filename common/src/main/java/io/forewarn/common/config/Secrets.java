package io.forewarn.common.config;

import java.util.regex.Pattern;

/** Masks secrets before configuration is logged. */
public final class Secrets {
  private static final Pattern USERINFO_PASSWORD = Pattern.compile("(//[^:/@]+:)[^@/]*@");
  private static final Pattern QUERY_PASSWORD = Pattern.compile("((?:password|token|secret)=)[^&]*",
      Pattern.CASE_INSENSITIVE);

  private Secrets() {}

  public static String maskUri(String uri) {
    if (uri == null) {
      return null;
    }
    String masked = USERINFO_PASSWORD.matcher(uri).replaceAll("$1****@");
    return QUERY_PASSWORD.matcher(masked).replaceAll("$1****");
  }

  public static String mask(String secret) {
    return secret == null || secret.isEmpty() ? "(unset)" : "****";
  }
}

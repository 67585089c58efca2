package io.forewarn.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed settings from a flat key/value map (environment variables, optionally merged with a
 * file by {@link ConfigSources}) and collects every problem instead of failing on the first one.
 * Call {@link #throwIfInvalid(String)} after reading all fields.
 */
public final class ConfigReader {
  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final Map<String, String> values;
  private final List<String> problems = new ArrayList<>();

  public ConfigReader(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public String string(String key, String defaultValue) {
    String raw = raw(key);
    return raw == null ? defaultValue : raw;
  }

  /** A required value; records a problem and returns {@code null} when it is missing. */
  public String required(String key, String example) {
    String raw = raw(key);
    if (raw == null) {
      problems.add(key + " is required (e.g. " + example + ")");
    }
    return raw;
  }

  public int integer(String key, int defaultValue, int min, int max) {
    String raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        problems.add(key + "=" + raw + " is out of range [" + min + ", " + max + "]");
        return defaultValue;
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add(key + "=" + raw + " is not a whole number");
      return defaultValue;
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    String raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> {
        problems.add(key + "=" + raw + " is not a boolean (true/false)");
        yield defaultValue;
      }
    };
  }

  /** Durations as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d} or ISO-8601 ({@code PT5M}). */
  public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
    String raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    Duration value = parseDuration(raw);
    if (value == null) {
      problems.add(key + "=" + raw + " is not a duration (use e.g. 250ms, 30s, 5m, 2h, 7d)");
      return defaultValue;
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      problems.add(key + "=" + raw + " is out of range [" + min + ", " + max + "]");
      return defaultValue;
    }
    return value;
  }

  public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
    String raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    String normalized = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(normalized)) {
        return constant;
      }
    }
    List<String> allowed = Arrays.stream(type.getEnumConstants())
        .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
    problems.add(key + "=" + raw + " is not one of " + allowed);
    return defaultValue;
  }

  /** A URI whose scheme must be one of {@code schemes}; {@code null} default means required. */
  public URI uri(String key, String defaultValue, Set<String> schemes) {
    String raw = raw(key);
    if (raw == null) {
      raw = defaultValue;
    }
    if (raw == null) {
      problems.add(key + " is required (a " + schemes + " URI)");
      return null;
    }
    try {
      URI uri = new URI(raw);
      if (uri.getScheme() == null || !schemes.contains(uri.getScheme())) {
        problems.add(key + "=" + Secrets.maskUri(raw) + " must use one of the schemes " + schemes);
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      problems.add(key + " is not a valid URI: " + e.getReason());
      return null;
    }
  }

  /** Records {@code problem} unless {@code condition} holds (cross-field checks). */
  public void check(boolean condition, String problem) {
    if (!condition) {
      problems.add(problem);
    }
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  public void throwIfInvalid(String service) {
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(service, problems);
    }
  }

  static Duration parseDuration(String raw) {
    String text = raw.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE_DURATION.matcher(text);
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return null;
      }
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(raw.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private String raw(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      return null;
    }
    return value.trim();
  }
}

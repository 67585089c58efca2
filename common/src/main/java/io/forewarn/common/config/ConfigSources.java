package io.forewarn.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where settings come from: an optional properties file named by {@value #CONFIG_FILE_VARIABLE},
 * overridden key by key by the environment. Keys are the same in both (e.g. {@code FOREWARN_DB_URL}).
 */
public final class ConfigSources {
  public static final String CONFIG_FILE_VARIABLE = "FOREWARN_CONFIG_FILE";

  private ConfigSources() {}

  public static Map<String, String> load(Map<String, String> environment) {
    Map<String, String> merged = new HashMap<>();
    String file = environment.get(CONFIG_FILE_VARIABLE);
    if (file != null && !file.isBlank()) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(Path.of(file.trim()), StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new InvalidConfigException("Forewarn",
            java.util.List.of(CONFIG_FILE_VARIABLE + "=" + file + " cannot be read: " + e.getMessage()));
      }
      properties.forEach((k, v) -> merged.put(k.toString(), v.toString()));
    }
    merged.putAll(environment);
    return merged;
  }
}

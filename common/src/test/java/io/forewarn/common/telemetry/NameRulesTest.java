package io.forewarn.common.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written name checks accept exactly what the documented regular expressions accept. */
class NameRulesTest {
  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
  private static final Pattern METRIC_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:/-]{0,62}");
  private static final String ALPHABET = "aZ09_.:/-$ é\u0000Ж\uD83D";

  @Test
  void agreesWithTheDocumentedExpressionsOnEdgeCases() {
    List<String> cases = new ArrayList<>(List.of("", "a", "0", "_", "-a", "a-", "a/b", "dev:1", "temp.c", "x y",
        "a".repeat(63), "a".repeat(64), "a".repeat(65), "é", "aé", "1abc", "_x", "a\u0000"));
    for (String s : cases) {
      assertAgrees(s);
    }
  }

  @Test
  void agreesWithTheDocumentedExpressionsOnRandomStrings() {
    Random random = new Random(42);
    for (int n = 0; n < 50_000; n++) {
      int length = random.nextInt(70);
      StringBuilder sb = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        sb.append(random.nextInt(4) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
            : (char) ('a' + random.nextInt(26)));
      }
      assertAgrees(sb.toString());
    }
  }

  @Test
  void nullIsNeverValid() {
    assertThat(NameRules.isValidDeviceId(null)).isFalse();
    assertThat(NameRules.isValidMetricName(null)).isFalse();
  }

  private static void assertAgrees(String s) {
    assertThat(NameRules.isValidDeviceId(s)).as("device id %s", s).isEqualTo(DEVICE_ID.matcher(s).matches());
    assertThat(NameRules.isValidMetricName(s)).as("metric name %s", s).isEqualTo(METRIC_NAME.matcher(s).matches());
  }
}

package io.forewarn.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PreviewCommand command = new PreviewCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8));

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void renders_every_shipped_template_in_both_languages() {
    // WHEN
    int status = command.run(new String[] {"--now", "2025-03-14T09:00:00Z"}, Map.of());
    // THEN
    assertThat(status).isZero();
    assertThat(out().split("\n=== ", -1)).hasSize(73);
    assertThat(out())
        .contains("=== device_problem/opened/sms.en.txt ===", "=== planned_maintenance/resolved/ticket.ru.txt ===")
        .contains("Hello Catherine Montgomery,").contains("Здравствуйте, Екатерина Александровна!")
        .contains("[sms: UCS2,").contains("[sms: GSM7,")
        .contains("72 messages rendered, 0 warnings, 0 errors");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void renders_the_firmware_family_in_both_languages() {
    // WHEN only the firmware disruption's messages are asked for
    int status = command.run(new String[] {"--only", "firmware_disruption/", "--now", "2025-03-14T09:00:00Z"},
        Map.of());
    // THEN all 18 are printed, about the customer's boiler in each language, and pass the checks
    assertThat(status).isZero();
    assertThat(out().split("\n=== ", -1)).hasSize(19);
    assertThat(out())
        .contains("=== firmware_disruption/opened/sms.en.txt ===", "=== firmware_disruption/resolved/sms.ru.txt ===")
        .contains("Forewarn: Hi Catherine Montgomery, your GB24 boiler may not work as well as it should")
        .contains("Forewarn: Екатерина Александровна, ваше устройство (котёл GB24) может работать хуже обычного")
        .doesNotContain("=== service_disruption");
  }

  @Test
  void only_filter_and_brand_are_applied() {
    int status = command.run(
        new String[] {"--only", "service_disruption/resolved/sms", "--now", "2025-03-14T09:00:00Z"},
        Map.of("FOREWARN_NOTIFIER_BRAND", "Acme Water"));
    assertThat(status).isZero();
    assertThat(out()).contains("Acme Water: The service in the North Riverside area is back to normal.")
        .doesNotContain("=== device_problem");
  }

  @Test
  void broken_operator_template_is_reported_with_status_1(@TempDir Path dir) throws Exception {
    TemplateCatalogTest.write(dir, "device_problem/opened/sms.en.txt", "{{brand}}: fixed by {{eta}}");
    int status = command.run(new String[] {"--templates", dir.toString()}, Map.of());
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("{{eta}} may be missing");
  }

  @Test
  void too_small_segment_limit_is_reported_per_template() {
    int status = command.run(new String[] {"--max-sms-segments", "1", "--now", "2025-03-14T09:00:00Z"}, Map.of());
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("ERROR ").contains("the limit is 1");
  }

  @Test
  void bad_arguments_give_usage_and_status_2() {
    assertThat(command.run(new String[] {"--max-sms-segments", "eleven"}, Map.of())).isEqualTo(2);
    assertThat(command.run(new String[] {"--frobnicate", "x"}, Map.of())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: PreviewCommand");
  }
}

package io.forewarn.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.Transition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCatalogTest {
  private static final Locale RU = Locale.of("ru");

  static void write(Path dir, String relative, String text) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent() == null ? dir : file.getParent());
    Files.writeString(file, text);
  }

  private static String shippedEnglishPhrases() throws Exception {
    try (var in = TemplateCatalogTest.class.getClassLoader().getResourceAsStream("templates/phrases.en.properties")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static TemplateCatalog load(Path overrides) throws TemplateCheckException {
    return TemplateCatalog.load(new TemplateSource(overrides, TemplateCatalogTest.class.getClassLoader()),
        List.of(Locale.ENGLISH, RU), Locale.ENGLISH, Set.of("service_credit"));
  }

  @Test
  void shipped_templates_load_for_every_family_transition_channel_and_language() throws Exception {
    // WHEN
    TemplateCatalog catalog = load(null);
    // THEN 4 families x 3 transitions x 3 channels x 2 languages
    int count = 0;
    for (Locale language : catalog.languages()) {
      for (TemplateFamily family : TemplateFamily.values()) {
        for (Transition transition : Transition.values()) {
          for (Channel channel : Channel.values()) {
            assertThat(catalog.template(new TemplateKey(family, transition, channel, language))).isNotNull();
            count++;
          }
        }
      }
    }
    assertThat(count).isEqualTo(72);
  }

  @Test
  void unknown_language_falls_back_to_the_default() throws Exception {
    TemplateCatalog catalog = load(null);
    assertThat(catalog.resolve(Locale.GERMAN)).isEqualTo(Locale.ENGLISH);
    assertThat(catalog.resolve(Locale.of("ru", "RU"))).isEqualTo(RU);
  }

  @Test
  void operator_file_replaces_only_that_template(@TempDir Path dir) throws Exception {
    // GIVEN an operator's shorter opening SMS
    write(dir, "device_problem/opened/sms.en.txt",
        "{{brand}}: your {{device.model}} needs a look. Case {{incident.id}}.");
    // WHEN
    TemplateCatalog catalog = load(dir);
    // THEN that file comes from the directory, the rest from the jar
    assertThat(catalog.template(new TemplateKey(TemplateFamily.DEVICE_PROBLEM, Transition.OPENED, Channel.SMS,
        Locale.ENGLISH)).origin()).startsWith(dir.toString());
    assertThat(catalog.template(new TemplateKey(TemplateFamily.DEVICE_PROBLEM, Transition.OPENED, Channel.SMS,
        RU)).origin()).startsWith("classpath:");
  }

  @Test
  void placeholder_that_may_be_missing_must_be_guarded(@TempDir Path dir) throws Exception {
    // GIVEN {{eta}} used bare: it is unknown for many incidents
    write(dir, "device_problem/opened/sms.en.txt", "{{brand}}: fixed by {{eta}}.");
    // THEN loading fails and says how to fix it
    assertThatThrownBy(() -> load(dir)).isInstanceOf(TemplateCheckException.class)
        .hasMessageContaining("sms.en.txt:1:21: {{eta}} may be missing in device_problem/opened messages; guard it");
  }

  @Test
  void unknown_and_never_available_placeholders_are_reported_together(@TempDir Path dir) throws Exception {
    // GIVEN a typo in one file and a closing-only value in an opening message in another
    write(dir, "device_problem/opened/sms.en.txt", "{{brand}}: {{device.modle}}");
    write(dir, "service_disruption/opened/sms.ru.txt", "{{brand}}: перерыв {{duration}}");
    // WHEN
    TemplateCheckException e = org.junit.jupiter.api.Assertions.assertThrows(TemplateCheckException.class,
        () -> load(dir));
    // THEN both problems, each with its place
    assertThat(e.problems()).hasSize(2);
    assertThat(e.problems().get(0) + e.problems().get(1))
        .contains("unknown placeholder {{device.modle}}")
        .contains("{{duration}} is never available in service_disruption/opened messages");
  }

  @Test
  void a_firmware_disruption_template_cannot_speak_of_an_area(@TempDir Path dir) throws Exception {
    // GIVEN an operator's firmware SMS copied from the area one
    write(dir, "firmware_disruption/opened/sms.en.txt", "{{brand}}: a fault in your area ({{region}}).");
    // THEN loading fails: a firmware disruption has no area, only the customer's product
    assertThatThrownBy(() -> load(dir)).isInstanceOf(TemplateCheckException.class)
        .hasMessageContaining("{{region}} is never available in firmware_disruption/opened messages");
  }

  @Test
  void subject_rules_are_enforced(@TempDir Path dir) throws Exception {
    write(dir, "device_problem/opened/email.en.txt", "Hello {{customer.name}}");
    write(dir, "device_problem/opened/sms.en.txt", "Subject: hi\n\n{{brand}}");
    TemplateCheckException e = org.junit.jupiter.api.Assertions.assertThrows(TemplateCheckException.class,
        () -> load(dir));
    assertThat(String.join("\n", e.problems()))
        .contains("email.en.txt:1:1: must start with a 'Subject: ...' line")
        .contains("sms opened messages have no subject");
  }

  @Test
  void a_language_without_templates_lists_every_missing_file() {
    // WHEN German is configured but nothing exists for it
    TemplateCheckException e = org.junit.jupiter.api.Assertions.assertThrows(TemplateCheckException.class,
        () -> TemplateCatalog.load(TemplateSource.shipped(), List.of(Locale.ENGLISH, Locale.GERMAN), Locale.ENGLISH,
            Set.of()));
    // THEN the phrase book and all 36 templates
    assertThat(e.problems()).hasSize(37).contains("phrases.de.properties: missing",
        "device_problem/opened/sms.de.txt: missing");
  }

  @Test
  void phrase_missing_in_one_language_is_reported(@TempDir Path dir) throws Exception {
    // GIVEN an English phrase book with a problem the Russian one lacks
    write(dir, "phrases.en.properties",
        shippedEnglishPhrases() + "\nproblem.door_left_open=its door has been open for a while\n");
    // THEN
    assertThatThrownBy(() -> load(dir)).hasMessageContaining("phrases.ru.properties: missing [problem.door_left_open]");
  }

  @Test
  void a_product_named_in_one_language_only_is_reported(@TempDir Path dir) throws Exception {
    // GIVEN an English name for a new model that the Russian phrase book lacks
    write(dir, "phrases.en.properties", shippedEnglishPhrases() + "\nmodel.charger-ev7=EV7 charger\n");
    // THEN
    assertThatThrownBy(() -> load(dir)).hasMessageContaining("phrases.ru.properties: missing [model.charger-ev7]");
  }
}

package io.forewarn.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.Notices;
import io.forewarn.notifier.outreach.Transition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmsShorteningTest {
  private static MessageRenderer renderer(Path dir, int maxSegments) throws Exception {
    TemplateCatalog catalog = TemplateCatalog.load(new TemplateSource(dir, SmsShorteningTest.class.getClassLoader()),
        List.of(Locale.ENGLISH, Locale.of("ru")), Locale.ENGLISH, Set.of());
    return new MessageRenderer(catalog, MessageRendererTest.CLOCK, "Forewarn", maxSegments);
  }

  private static RenderResult sms(MessageRenderer renderer, IncidentNotice notice, Locale language) {
    return renderer.render(new MessageRequest(notice, Transition.OPENED, Channel.SMS, language, ZoneId.of("UTC"),
        null, null));
  }

  @Test
  void over_long_sms_drops_optional_parts_last_first(@TempDir Path dir) throws Exception {
    // GIVEN a template of 100 mandatory characters and two optional sentences of ~50 each
    TemplateCatalogTest.write(dir, "device_problem/opened/sms.en.txt", "{{brand}}: " + "x".repeat(90)
        + "{{#eta}} The fix is expected by {{eta}}, we promise.{{/eta}}{{#action}} {{action}}{{/action}}");
    IncidentNotice notice = Notices.device().eta(Notices.NOON_UTC.plus(Duration.ofHours(2))).action("keep_plugged_in")
        .build();
    // WHEN one segment is the limit
    RenderedMessage message = ((RenderResult.Rendered) sms(renderer(dir, 1), notice, Locale.ENGLISH)).message();
    // THEN the action (last) went, the ETA stayed
    assertThat(message.droppedSections()).isEqualTo(1);
    assertThat(message.text()).contains("The fix is expected by 14:00 today").doesNotContain("plugged");
    assertThat(message.sms().segments()).isEqualTo(1);
  }

  @Test
  void sms_that_cannot_fit_fails_rather_than_being_cut(@TempDir Path dir) throws Exception {
    TemplateCatalogTest.write(dir, "device_problem/opened/sms.en.txt", "{{brand}}: " + "x".repeat(200));
    RenderResult result = sms(renderer(dir, 1), Notices.device().build(), Locale.ENGLISH);
    assertThat(result).isInstanceOf(RenderResult.Failed.class);
    assertThat(((RenderResult.Failed) result).reason()).contains("needs 2 SMS segments").contains("the limit is 1");
  }

  @Test
  void typographic_punctuation_is_made_plain_only_when_that_keeps_gsm(@TempDir Path dir) throws Exception {
    // GIVEN an English template pasted from a word processor, and a Russian one with a dash
    TemplateCatalogTest.write(dir, "device_problem/opened/sms.en.txt", "{{brand}}: we’re on it – “soon”…");
    TemplateCatalogTest.write(dir, "device_problem/opened/sms.ru.txt", "{{brand}}: уже работаем — скоро");
    MessageRenderer renderer = renderer(dir, 4);
    // WHEN
    RenderedMessage en = ((RenderResult.Rendered) sms(renderer, Notices.device().build(), Locale.ENGLISH)).message();
    RenderedMessage ru = ((RenderResult.Rendered) sms(renderer, Notices.device().build(), Locale.of("ru"))).message();
    // THEN
    assertThat(en.text()).isEqualTo("Forewarn: we're on it - \"soon\"...");
    assertThat(en.sms().encoding()).isEqualTo(SmsEncoding.GSM7);
    assertThat(ru.text()).isEqualTo("Forewarn: уже работаем — скоро");
  }
}

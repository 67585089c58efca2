package io.forewarn.notifier.template;

import io.forewarn.notifier.feedback.SurveyKind;
import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.Transition;
import io.forewarn.notifier.template.RenderResult.Failed;
import io.forewarn.notifier.template.RenderResult.Rendered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Renders every template with a {@link SampleNotices sample} (all optional values present, every
 * configured gesture) and reports what would go wrong in production: phrases missing parameters,
 * SMS texts over the segment limit (errors), and SMS texts that only fit after shortening
 * (warnings, so operators see that customers would miss a sentence).
 */
public final class TemplateCheck {
  public record Report(List<String> errors, List<String> warnings, List<RenderedMessage> rendered) {
    public Report {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
      rendered = List.copyOf(rendered);
    }
  }

  private TemplateCheck() {}

  public static Report run(MessageRenderer renderer, Collection<String> gestureKeys, Instant now) {
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<RenderedMessage> rendered = new ArrayList<>();
    String gesture = gestureKeys.stream().findFirst().orElse(null);
    for (Locale language : renderer.catalog().languages()) {
      for (TemplateFamily family : TemplateFamily.values()) {
        for (Transition transition : Transition.values()) {
          IncidentNotice notice = SampleNotices.sample(family, transition, language, now);
          for (Channel channel : Channel.values()) {
            MessageRequest request = new MessageRequest(notice, transition, channel, language,
                notice.customer().timeZone(), gesture, SurveyKind.CSAT);
            switch (renderer.render(request)) {
              case Rendered r -> {
                rendered.add(r.message());
                if (r.message().droppedSections() > 0) {
                  warnings.add(r.message().key().path() + ": the sample only fits in " + renderer.maxSmsSegments()
                      + " SMS segments after leaving out " + r.message().droppedSections() + " optional part(s)");
                }
              }
              case Failed f -> errors.add(f.reason());
            }
          }
        }
      }
    }
    return new Report(errors, warnings, rendered);
  }
}

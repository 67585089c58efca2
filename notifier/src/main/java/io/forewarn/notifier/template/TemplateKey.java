package io.forewarn.notifier.template;

import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.Transition;
import java.util.Locale;
import java.util.Objects;

/** Which template: family × transition × channel × language. */
public record TemplateKey(TemplateFamily family, Transition transition, Channel channel, Locale language) {
  public TemplateKey {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(language, "language");
  }

  /** The file under the template root, e.g. {@code device_problem/opened/sms.en.txt}. */
  public String path() {
    return family.templateName() + "/" + transition.templateName() + "/" + channel.templateName() + "."
        + language.getLanguage() + ".txt";
  }

  /** Whether the file must start with a {@code Subject:} line (emails, and the ticket that opens). */
  public boolean hasSubject() {
    return channel == Channel.EMAIL || (channel == Channel.TICKET && transition == Transition.OPENED);
  }
}

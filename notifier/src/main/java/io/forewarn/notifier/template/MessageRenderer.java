package io.forewarn.notifier.template;

import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.template.RenderResult.Failed;
import io.forewarn.notifier.template.RenderResult.Rendered;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a {@link MessageRequest} with the catalog's templates.
 *
 * <p>SMS shortening rule: the text is normalised (typographic punctuation to GSM look-alikes when
 * that makes it GSM-7, whitespace runs to one space) and measured; while it needs more than {@code maxSmsSegments}
 * segments, optional sections ({@code {{#...}}}) are left out one at a time, the last in the file
 * first. Operators therefore put the least important optional sentence last. If the text is still
 * too long with every optional section gone, rendering fails and nothing is sent.
 */
public final class MessageRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(MessageRenderer.class);
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+\\n");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

  private final TemplateCatalog catalog;
  private final MessageValues values;
  private final SmsCounter counter = new SmsCounter();
  private final int maxSmsSegments;

  public MessageRenderer(TemplateCatalog catalog, Clock clock, String brand, int maxSmsSegments) {
    this(catalog, clock, brand, maxSmsSegments, id -> null);
  }

  /** @param incidentLink the link back to an incident for {@code {{incident.url}}} ({@code null}: none) */
  public MessageRenderer(TemplateCatalog catalog, Clock clock, String brand, int maxSmsSegments,
      java.util.function.Function<String, String> incidentLink) {
    if (maxSmsSegments < 1) {
      throw new IllegalArgumentException("max SMS segments must be at least 1");
    }
    this.catalog = catalog;
    this.values = new MessageValues(clock, brand, incidentLink);
    this.maxSmsSegments = maxSmsSegments;
  }

  public TemplateCatalog catalog() {
    return catalog;
  }

  public int maxSmsSegments() {
    return maxSmsSegments;
  }

  public RenderResult render(MessageRequest request) {
    Locale language = catalog.resolve(request.language());
    TemplateKey key = new TemplateKey(TemplateFamily.of(request.notice()), request.template(), request.channel(),
        language);
    try {
      MessageTemplate template = catalog.template(key);
      Map<String, String> v = values.build(request.notice(), request.template(), catalog.phrases(language),
          request.zone(), request.gestureKey(), request.survey());
      String subject = template.subject() == null ? null
          : WHITESPACE.matcher(NodeRenderer.render(template.subject(), v, Set.of(), template.origin())).replaceAll(" ")
              .strip();
      return new Rendered(request.channel() == Channel.SMS
          ? sms(key, template, v)
          : document(key, template, v, subject));
    } catch (RenderException e) {
      LOG.warn("[incident: {}] cannot render {}: {}", request.notice().incidentId(), key.path(), e.getMessage());
      return new Failed(key, e.getMessage());
    }
  }

  private RenderedMessage sms(TemplateKey key, MessageTemplate template, Map<String, String> v) throws RenderException {
    Set<Integer> dropped = new HashSet<>();
    String text = smsText(template, v, dropped);
    SmsLength length = counter.measure(text);
    for (int section = NodeRenderer.countSections(template.body()) - 1; section >= 0
        && length.segments() > maxSmsSegments; section--) {
      dropped.add(section);
      String shorter = smsText(template, v, dropped);
      if (!shorter.equals(text)) {
        text = shorter;
        length = counter.measure(text);
      } else {
        dropped.remove(section);
      }
    }
    if (length.segments() > maxSmsSegments) {
      throw new RenderException(template.origin() + ": needs " + length.segments() + " SMS segments ("
          + length.encoding() + ", " + length.units() + " units) even without optional parts; the limit is "
          + maxSmsSegments);
    }
    return new RenderedMessage(key, null, text, null, length, dropped.size());
  }

  private static String smsText(MessageTemplate template, Map<String, String> v, Set<Integer> dropped)
      throws RenderException {
    String raw = NodeRenderer.render(template.body(), v, dropped, template.origin());
    // Plain punctuation only pays when it makes the whole text GSM-7; Cyrillic keeps its dashes.
    String plain = SmsPunctuation.plain(raw);
    return WHITESPACE.matcher(SmsCounter.isGsm7(plain) ? plain : raw).replaceAll(" ").strip();
  }

  private static RenderedMessage document(TemplateKey key, MessageTemplate template, Map<String, String> v,
      String subject) throws RenderException {
    String raw = NodeRenderer.render(template.body(), v, Set.of(), template.origin()).replace("\r", "");
    String text = BLANK_LINES.matcher(TRAILING_SPACE.matcher(raw + "\n").replaceAll("\n")).replaceAll("\n\n").strip();
    String html = key.channel() == Channel.EMAIL ? HtmlBody.of(subject, text, key.language()) : null;
    return new RenderedMessage(key, subject, text, html, null, 0);
  }
}

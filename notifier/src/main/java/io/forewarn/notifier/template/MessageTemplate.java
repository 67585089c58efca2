package io.forewarn.notifier.template;

import java.util.List;
import java.util.Objects;

/** A parsed template file: an optional subject line and the body. */
record MessageTemplate(TemplateKey key, List<TemplateNode> subject, List<TemplateNode> body, String origin) {
  private static final String SUBJECT = "Subject:";

  MessageTemplate {
    Objects.requireNonNull(key, "key");
    subject = subject == null ? null : List.copyOf(subject);
    body = List.copyOf(body);
  }

  /**
   * Parses a template file. Emails and opening tickets start with {@code Subject: ...}; the body
   * follows (leading blank lines ignored). Other channels must not have a subject line.
   */
  static MessageTemplate parse(TemplateKey key, String text, String origin) throws TemplateSyntaxException {
    String normalized = text.replace("\r\n", "\n").replace("\r", "\n");
    if (normalized.startsWith("\uFEFF")) {
      normalized = normalized.substring(1);
    }
    int firstBreak = normalized.indexOf('\n');
    String firstLine = firstBreak < 0 ? normalized : normalized.substring(0, firstBreak);
    boolean hasSubjectLine = firstLine.regionMatches(true, 0, SUBJECT, 0, SUBJECT.length());
    if (key.hasSubject() && !hasSubjectLine) {
      throw new TemplateSyntaxException(origin + ":1:1: must start with a 'Subject: ...' line");
    }
    if (!key.hasSubject() && hasSubjectLine) {
      throw new TemplateSyntaxException(origin + ":1:1: " + key.channel().templateName() + " "
          + key.transition().templateName() + " messages have no subject; remove the 'Subject:' line");
    }
    List<TemplateNode> subject = null;
    String body = normalized;
    int bodyLineOffset = 0;
    if (hasSubjectLine) {
      String subjectText = firstLine.substring(SUBJECT.length()).strip();
      if (subjectText.isEmpty()) {
        throw new TemplateSyntaxException(origin + ":1:1: the subject is empty");
      }
      subject = TemplateParser.parse(subjectText, origin + " (subject)");
      body = firstBreak < 0 ? "" : normalized.substring(firstBreak + 1);
      bodyLineOffset = 1;
    }
    if (body.isBlank()) {
      throw new TemplateSyntaxException(origin + ": the message body is empty");
    }
    // Keep line numbers true to the file in error messages by parsing with the subject line blanked.
    String forParsing = "\n".repeat(bodyLineOffset) + body;
    List<TemplateNode> nodes = TemplateParser.parse(forParsing, origin);
    return new MessageTemplate(key, subject, nodes, origin);
  }
}

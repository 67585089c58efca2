package io.forewarn.notifier.template;

import java.util.Locale;

/**
 * The HTML part of an email, made from the plain text so operators edit one file: paragraphs at
 * blank lines, line breaks kept, everything escaped. Deliberately plain (no images, no tracking):
 * it must read well in any client and be the same message as the text part.
 */
final class HtmlBody {
  private HtmlBody() {}

  static String of(String subject, String text, Locale language) {
    StringBuilder html = new StringBuilder()
        .append("<!DOCTYPE html>\n<html lang=\"").append(escape(language.getLanguage())).append("\">\n")
        .append("<head><meta charset=\"utf-8\"><title>").append(escape(subject)).append("</title></head>\n")
        .append("<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222\">\n");
    for (String paragraph : text.split("\n\\s*\n")) {
      html.append("<p>").append(escape(paragraph.strip()).replace("\n", "<br>\n")).append("</p>\n");
    }
    return html.append("</body>\n</html>\n").toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

package io.forewarn.notifier.template;

/** A template or phrase that cannot be parsed; the message names the place and the fix. */
public final class TemplateSyntaxException extends Exception {
  public TemplateSyntaxException(String message) {
    super(message);
  }
}

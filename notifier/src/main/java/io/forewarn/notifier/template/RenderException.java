package io.forewarn.notifier.template;

/** A message that cannot be rendered completely; we send nothing rather than a broken text. */
public final class RenderException extends Exception {
  public RenderException(String message) {
    super(message);
  }
}

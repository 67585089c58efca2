package io.forewarn.notifier.outreach;

import java.util.Locale;

/** The incident lifecycle step that produced a notice. */
public enum Transition {
  OPENED,
  UPDATED,
  RESOLVED;

  /** The directory name used for this transition under {@code templates/<kind>/}. */
  public String templateName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

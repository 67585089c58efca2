package io.forewarn.notifier.outreach;

import java.util.Locale;

/** Where a message goes. SMS and email reach customers; tickets reach our operations team. */
public enum Channel {
  SMS,
  EMAIL,
  TICKET;

  public boolean reachesCustomer() {
    return this != TICKET;
  }

  /** The file-name stem used for this channel's templates. */
  public String templateName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.forewarn.notifier.template;

/**
 * How an SMS is encoded on the air. One non-GSM-7 character switches the whole message to UCS-2.
 * Sizes: a single GSM-7 message holds 160 septets, each part of a longer one 153 (7 septets go
 * to the concatenation header); UCS-2 holds 70 UTF-16 code units, 67 per part.
 */
public enum SmsEncoding {
  GSM7(160, 153),
  UCS2(70, 67);

  private final int single;
  private final int perPart;

  SmsEncoding(int single, int perPart) {
    this.single = single;
    this.perPart = perPart;
  }

  public int singleLimit() {
    return single;
  }

  public int partLimit() {
    return perPart;
  }
}

package io.forewarn.notifier.channel.sms;

import java.util.Map;

/**
 * An incoming SMS as Twilio posts it to our webhook: {@code MessageSid} (and the older
 * {@code SmsSid}), {@code AccountSid}, {@code MessagingServiceSid}, {@code From}, {@code To},
 * {@code Body}, {@code NumMedia}, {@code NumSegments}.
 */
public record InboundSms(String messageSid, String accountSid, String messagingServiceSid, String from, String to,
    String body, int numMedia, int numSegments) {

  public static InboundSms parse(Map<String, String> form) {
    String sid = form.get("MessageSid") != null ? form.get("MessageSid") : form.get("SmsSid");
    if (sid == null || sid.isBlank()) {
      throw new IllegalArgumentException("missing MessageSid");
    }
    return new InboundSms(sid.strip(), StatusCallback.require(form, "AccountSid"), form.get("MessagingServiceSid"),
        StatusCallback.require(form, "From"), StatusCallback.require(form, "To"),
        form.getOrDefault("Body", ""), count(form, "NumMedia"), count(form, "NumSegments"));
  }

  private static int count(Map<String, String> form, String field) {
    String raw = form.get(field);
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " '" + raw + "' is not a number");
    }
  }
}

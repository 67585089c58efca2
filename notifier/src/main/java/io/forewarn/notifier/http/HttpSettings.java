package io.forewarn.notifier.http;

/**
 * @param publicUrl the base URL Twilio calls us at (signatures cover it), or {@code null}
 * @param twilioAuthToken {@code null}: Twilio endpoints answer 404
 * @param zendeskWebhookSecret {@code null}: the Zendesk endpoint answers 404
 * @param helpdeskWebhookSecret the Standard Webhooks secret ({@code whsec_…}) a generic helpdesk signs
 *     its calls to {@code /helpdesk/webhook} with; {@code null}: that endpoint answers 404
 */
public record HttpSettings(int port, String publicUrl, String twilioAuthToken, String zendeskWebhookSecret,
    String zendeskApiUser, String helpdeskWebhookSecret) {}

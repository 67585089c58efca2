package io.forewarn.notifier.app;

import io.forewarn.common.config.ConfigReader;
import io.forewarn.notifier.channel.email.SmtpConfig;
import io.forewarn.notifier.channel.sms.TwilioConfig;
import io.forewarn.notifier.channel.ticket.ZendeskConfig;
import io.forewarn.notifier.channel.webhook.WebhookConfig;
import io.forewarn.notifier.outreach.PlannerConfig;
import io.forewarn.notifier.template.TemplateConfig;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the notifier reads from {@code FOREWARN_NOTIFIER_*}. Each connector is optional
 * and switched on by its address variable; every problem is reported at once.
 */
public record NotifierConfig(PlannerConfig planner, TemplateConfig templates, Optional<TwilioConfig> twilio,
    Optional<ZendeskConfig> zendesk, Optional<WebhookConfig> webhook, Optional<SmtpConfig> smtp,
    ServiceSettings service) {

  public NotifierConfig {
    Objects.requireNonNull(planner, "planner");
    Objects.requireNonNull(templates, "templates");
    Objects.requireNonNull(twilio, "twilio");
    Objects.requireNonNull(zendesk, "zendesk");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(smtp, "smtp");
    Objects.requireNonNull(service, "service");
  }

  public static NotifierConfig fromEnv(Map<String, String> env) {
    ConfigReader r = new ConfigReader(env);
    PlannerConfig planner = PlannerConfig.read(r);
    TemplateConfig templates = TemplateConfig.read(r);
    Optional<TwilioConfig> twilio = TwilioConfig.read(r);
    Optional<ZendeskConfig> zendesk = ZendeskConfig.read(r);
    Optional<WebhookConfig> webhook = WebhookConfig.read(r);
    Optional<SmtpConfig> smtp = SmtpConfig.read(r, templates.brand());
    ServiceSettings service = ServiceSettings.read(r);
    r.check(zendesk.isEmpty() || webhook.isEmpty(),
        "set either FOREWARN_NOTIFIER_ZENDESK_URL or FOREWARN_NOTIFIER_WEBHOOK_URL for tickets, not both");
    r.throwIfInvalid("notifier");
    return new NotifierConfig(planner, templates, twilio, zendesk, webhook, smtp, service);
  }
}

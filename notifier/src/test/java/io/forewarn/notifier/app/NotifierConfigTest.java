package io.forewarn.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.common.config.InvalidConfigException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierConfigTest {
  @Test
  void no_connectors_configured_is_valid() {
    NotifierConfig config = NotifierConfig.fromEnv(Map.of());
    assertThat(config.twilio()).isEmpty();
    assertThat(config.smtp()).isEmpty();
    assertThat(config.templates().languages()).containsExactly(Locale.ENGLISH, Locale.of("ru"));
    assertThat(config.templates().maxSmsSegments()).isEqualTo(4);
  }

  @Test
  void reads_every_connector_and_masks_secrets() {
    // GIVEN
    Map<String, String> env = new HashMap<>();
    env.put("FOREWARN_NOTIFIER_TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef");
    env.put("FOREWARN_NOTIFIER_TWILIO_AUTH_TOKEN", "twilio-secret-token");
    env.put("FOREWARN_NOTIFIER_TWILIO_FROM", "+15005550006");
    env.put("FOREWARN_NOTIFIER_TWILIO_RATE_PER_MINUTE", "30");
    env.put("FOREWARN_NOTIFIER_ZENDESK_URL", "https://acme.zendesk.com");
    env.put("FOREWARN_NOTIFIER_ZENDESK_EMAIL", "agent@acme.example");
    env.put("FOREWARN_NOTIFIER_ZENDESK_API_TOKEN", "zendesk-secret-token");
    env.put("FOREWARN_NOTIFIER_ZENDESK_REQUESTER_EMAIL", "forewarn@ops.acme.example");
    env.put("FOREWARN_NOTIFIER_SMTP_HOST", "smtp.acme.example");
    env.put("FOREWARN_NOTIFIER_SMTP_FROM", "care@acme.example");
    env.put("FOREWARN_NOTIFIER_SMTP_USERNAME", "mailer");
    env.put("FOREWARN_NOTIFIER_SMTP_PASSWORD", "smtp-secret");
    env.put("FOREWARN_NOTIFIER_OPS_LANGUAGE", "ru");
    env.put("FOREWARN_NOTIFIER_OPS_TIME_ZONE", "Europe/Moscow");
    // WHEN
    NotifierConfig config = NotifierConfig.fromEnv(env);
    // THEN
    assertThat(config.twilio().orElseThrow().rateLimit().perMinute()).isEqualTo(30);
    assertThat(config.zendesk().orElseThrow().basicUser()).isEqualTo("agent@acme.example/token");
    assertThat(config.smtp().orElseThrow().port()).isEqualTo(587);
    assertThat(config.templates().operationsLanguage()).isEqualTo(Locale.of("ru"));
    assertThat(config.toString()).doesNotContain("twilio-secret-token", "zendesk-secret-token", "smtp-secret");
  }

  @Test
  void reports_every_problem_at_once() {
    Map<String, String> env = Map.of(
        "FOREWARN_NOTIFIER_TWILIO_ACCOUNT_SID", "not-a-sid",
        "FOREWARN_NOTIFIER_SMS_MAX_SEGMENTS", "40",
        "FOREWARN_NOTIFIER_DEFAULT_LANGUAGE", "de",
        "FOREWARN_NOTIFIER_WEBHOOK_URL", "https://helpdesk.example/hooks",
        "FOREWARN_NOTIFIER_WEBHOOK_SECRET", "plain-secret",
        "FOREWARN_NOTIFIER_INCIDENT_URL", "ftp://ops.example.com/incidents");
    assertThatThrownBy(() -> NotifierConfig.fromEnv(env)).isInstanceOf(InvalidConfigException.class)
        .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).hasSize(6))
        .hasMessageContaining("FOREWARN_NOTIFIER_INCIDENT_URL=ftp://ops.example.com/incidents")
        .hasMessageContaining("FOREWARN_NOTIFIER_SMS_MAX_SEGMENTS=40")
        .hasMessageContaining("FOREWARN_NOTIFIER_DEFAULT_LANGUAGE=de")
        .hasMessageContaining("FOREWARN_NOTIFIER_TWILIO_AUTH_TOKEN is required")
        .hasMessageContaining("whsec_");
  }
}

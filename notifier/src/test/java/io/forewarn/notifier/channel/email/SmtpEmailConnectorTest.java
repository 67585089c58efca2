package io.forewarn.notifier.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.forewarn.notifier.channel.Await;
import io.forewarn.notifier.channel.DeliveryResult;
import io.forewarn.notifier.channel.DeliveryResult.Permanent;
import io.forewarn.notifier.channel.DeliveryResult.RetryLater;
import io.forewarn.notifier.channel.DeliveryResult.Sent;
import io.forewarn.notifier.channel.FailureCode;
import io.forewarn.notifier.channel.RateLimit;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real SMTP: GreenMail in-process, plus a scripted server for refusal codes. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SmtpEmailConnectorTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-10T12:00:00Z"), ZoneOffset.UTC);

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("care@acme.example", "mailer", "right-password"));

  private static SmtpConfig config(int port, String username, String password) {
    return new SmtpConfig("127.0.0.1", port, SmtpConfig.Tls.NONE, username, password, "care@acme.example",
        "Acme Care", Duration.ofSeconds(2), Duration.ofMinutes(1), new RateLimit(120, 10));
  }

  private static EmailMessage russianEmail() {
    return new EmailMessage("INC-1/C-1/opened", "anna@example.com", "Анна Смирнова",
        "SafeHome Hub 2: мы заметили неполадку и уже занимаемся ею", "Здравствуйте, Анна!\n\nМы уже работаем.",
        "<p>Здравствуйте, Анна!</p>", Locale.of("ru"));
  }

  @Test
  void russian_email_arrives_as_utf8_text_and_html(Vertx vertx) throws Exception {
    // GIVEN an authenticated submission to GreenMail
    SmtpEmailConnector connector = new SmtpEmailConnector(vertx,
        config(greenMail.getSmtp().getPort(), "mailer", "right-password"), CLOCK);
    // WHEN
    DeliveryResult result = Await.result(connector.send(russianEmail()));
    // THEN
    assertThat(result).isInstanceOf(Sent.class);
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    assertThat(mail.getSubject()).isEqualTo("SafeHome Hub 2: мы заметили неполадку и уже занимаемся ею");
    assertThat(mail.getHeader("Content-Language", null)).isEqualTo("ru");
    assertThat(mail.getMessageID()).isEqualTo(((Sent) result).providerId()).endsWith(".forewarn@acme.example>");
    assertThat(mail.getFrom()[0].toString()).contains("care@acme.example");
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getBodyPart(0).getContentType()).contains("text/plain").containsIgnoringCase("utf-8");
    assertThat((String) parts.getBodyPart(0).getContent()).contains("Мы уже работаем.");
    assertThat((String) parts.getBodyPart(1).getContent()).contains("<p>Здравствуйте, Анна!</p>");
  }

  @Test
  void the_same_delivery_key_gives_the_same_message_id(Vertx vertx) throws Exception {
    SmtpEmailConnector connector = new SmtpEmailConnector(vertx, config(greenMail.getSmtp().getPort(), null, null),
        CLOCK);
    EmailMessage plain = new EmailMessage("INC-1/C-1/opened", "ada@example.com", "Ada", "Subject", "Text", null,
        Locale.ENGLISH);
    Sent first = (Sent) Await.result(connector.send(plain));
    Sent second = (Sent) Await.result(connector.send(plain));
    assertThat(first).isEqualTo(second);
    assertThat(greenMail.getReceivedMessages()[0].getContentType()).startsWith("text/plain");
  }

  @Test
  void wrong_password_is_permanent(Vertx vertx) throws Exception {
    SmtpEmailConnector connector = new SmtpEmailConnector(vertx,
        config(greenMail.getSmtp().getPort(), "mailer", "wrong-password"), CLOCK);
    Permanent result = (Permanent) Await.result(connector.send(russianEmail()));
    assertThat(result.code()).isEqualTo(FailureCode.AUTHENTICATION);
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void unreachable_server_is_retried_as_not_delivered(Vertx vertx) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SmtpEmailConnector connector = new SmtpEmailConnector(vertx, config(closedPort, null, null), CLOCK);
    RetryLater result = (RetryLater) Await.result(connector.send(russianEmail()));
    assertThat(result.possiblyDelivered()).isFalse();
    assertThat(result.after()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void unknown_mailbox_is_an_invalid_recipient(Vertx vertx) throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 No such user")) {
      SmtpEmailConnector connector = new SmtpEmailConnector(vertx, config(server.port(), null, null), CLOCK);
      Permanent result = (Permanent) Await.result(connector.send(russianEmail()));
      assertThat(result.code()).isEqualTo(FailureCode.INVALID_RECIPIENT);
      assertThat(result.providerCode()).isEqualTo("smtp:550");
    }
  }

  @Test
  void full_mailbox_for_now_is_retried(Vertx vertx) throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("452 4.2.2 Mailbox full, try later")) {
      SmtpEmailConnector connector = new SmtpEmailConnector(vertx, config(server.port(), null, null), CLOCK);
      RetryLater result = (RetryLater) Await.result(connector.send(russianEmail()));
      assertThat(result.reason()).startsWith("SMTP 452");
      assertThat(result.possiblyDelivered()).isFalse();
    }
  }
}

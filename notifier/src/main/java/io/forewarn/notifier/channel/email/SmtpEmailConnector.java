package io.forewarn.notifier.channel.email;

import io.forewarn.notifier.channel.Connector;
import io.forewarn.notifier.channel.DeliveryResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends email over SMTP with Angus Mail (Jakarta Mail). Jakarta Mail blocks, so each send runs
 * on a Vert.x worker thread and the result comes back as a {@link Future}. The message is
 * multipart/alternative (UTF-8 text + HTML) with {@code Content-Language} set, and its
 * Message-ID derives from the delivery key (the provider id we return).
 */
public final class SmtpEmailConnector implements Connector<EmailMessage> {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpEmailConnector.class);

  private final Vertx vertx;
  private final SmtpConfig config;
  private final Clock clock;
  private final Session session;

  public SmtpEmailConnector(Vertx vertx, SmtpConfig config, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.session = Session.getInstance(properties(config));
  }

  @Override
  public String name() {
    return "smtp";
  }

  @Override
  public Future<DeliveryResult> send(EmailMessage message) {
    return vertx.executeBlocking(() -> (DeliveryResult) new DeliveryResult.Sent(deliver(message)), false)
        .otherwise(failure -> {
          DeliveryResult result = SmtpOutcomes.classify(failure, config.defaultRetryAfter());
          LOG.warn("[delivery: {}] email not sent: {}", message.deliveryKey(), result);
          return result;
        });
  }

  private String deliver(EmailMessage message) throws MessagingException, UnsupportedEncodingException {
    MimeMessage mime = new KeyedMimeMessage(session, messageId(message.deliveryKey()));
    mime.setFrom(new InternetAddress(config.fromAddress(), config.fromName(), "UTF-8"));
    mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.toAddress(), message.toName(), "UTF-8"));
    mime.setSubject(message.subject(), "UTF-8");
    mime.setSentDate(Date.from(clock.instant()));
    mime.setHeader("Content-Language", message.language().toLanguageTag());
    if (message.html() == null) {
      mime.setText(message.text(), "UTF-8", "plain");
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(message.text(), "UTF-8", "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(message.html(), "UTF-8", "html");
      mime.setContent(new MimeMultipart("alternative", text, html));
    }
    mime.saveChanges();
    String protocol = config.tls() == SmtpConfig.Tls.SMTPS ? "smtps" : "smtp";
    try (Transport transport = session.getTransport(protocol)) {
      transport.connect(config.host(), config.port(), config.username(), config.password());
      transport.sendMessage(mime, mime.getAllRecipients());
    }
    LOG.debug("[delivery: {}] email accepted by {} as {}", message.deliveryKey(), config.host(), mime.getMessageID());
    return mime.getMessageID();
  }

  private String messageId(String deliveryKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(deliveryKey.getBytes(StandardCharsets.UTF_8));
      String domain = config.fromAddress().substring(config.fromAddress().indexOf('@') + 1);
      return "<" + HexFormat.of().formatHex(hash, 0, 16) + "." + "forewarn@" + domain + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  private static Properties properties(SmtpConfig config) {
    String p = config.tls() == SmtpConfig.Tls.SMTPS ? "mail.smtps." : "mail.smtp.";
    String timeout = Long.toString(config.timeout().toMillis());
    Properties props = new Properties();
    props.put(p + "host", config.host());
    props.put(p + "port", Integer.toString(config.port()));
    props.put(p + "connectiontimeout", timeout);
    props.put(p + "timeout", timeout);
    props.put(p + "writetimeout", timeout);
    props.put(p + "auth", Boolean.toString(config.username() != null));
    props.put(p + "from", config.fromAddress());
    if (config.tls() == SmtpConfig.Tls.STARTTLS) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
    }
    if (config.tls() != SmtpConfig.Tls.NONE) {
      props.put(p + "ssl.checkserveridentity", "true");
    }
    return props;
  }

  /** Keeps our Message-ID: Jakarta Mail would otherwise make a random one in saveChanges(). */
  private static final class KeyedMimeMessage extends MimeMessage {
    private final String id;

    KeyedMimeMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}

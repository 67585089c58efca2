package io.forewarn.notifier.channel.email;

import io.forewarn.notifier.channel.DeliveryResult;
import io.forewarn.notifier.channel.DeliveryResult.Permanent;
import io.forewarn.notifier.channel.DeliveryResult.RetryLater;
import io.forewarn.notifier.channel.FailureCode;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * SMTP failures by reply code (RFC 5321): 4yz is transient (retry), 5yz permanent. A refused
 * recipient (550/551/553 on RCPT) is an invalid address; refused credentials need an operator.
 */
final class SmtpOutcomes {
  private SmtpOutcomes() {}

  static DeliveryResult classify(Throwable failure, Duration retryAfter) {
    if (failure instanceof AuthenticationFailedException) {
      return new Permanent(FailureCode.AUTHENTICATION, "smtp:auth", describe(failure));
    }
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof SMTPAddressFailedException e) {
        return byCode(e.getReturnCode(), FailureCode.INVALID_RECIPIENT, e, retryAfter);
      }
      if (t instanceof SMTPSenderFailedException e) {
        return byCode(e.getReturnCode(), FailureCode.REJECTED, e, retryAfter);
      }
      if (t instanceof SMTPSendFailedException e) {
        return byCode(e.getReturnCode(), FailureCode.REJECTED, e, retryAfter);
      }
      if (t instanceof MailConnectException || t instanceof ConnectException || t instanceof UnknownHostException) {
        return new RetryLater(retryAfter, "no connection to the SMTP server: " + describe(t), false);
      }
    }
    // A timeout or dropped connection may come after the server accepted the DATA.
    return new RetryLater(retryAfter, "SMTP conversation failed: " + describe(failure), true);
  }

  private static DeliveryResult byCode(int code, FailureCode permanent, Throwable e, Duration retryAfter) {
    if (code >= 500 && code < 600) {
      return new Permanent(permanent, "smtp:" + code, describe(e));
    }
    // 4yz and anything unexpected: transient. Nothing was accepted, so no duplicate risk.
    return new RetryLater(retryAfter, "SMTP " + code + ": " + describe(e), false);
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
      return m.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage().strip();
    return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }
}

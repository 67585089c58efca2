package io.forewarn.notifier.compose;

import io.forewarn.notifier.channel.email.EmailMessage;
import io.forewarn.notifier.channel.sms.SmsMessage;
import io.forewarn.notifier.channel.ticket.TicketMessage;
import io.forewarn.notifier.channel.ticket.TicketPriority;
import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.CustomerOutreach.Scheduled;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.TicketStep;
import io.forewarn.notifier.outreach.Transition;
import io.forewarn.notifier.template.MessageRenderer;
import io.forewarn.notifier.template.MessageRequest;
import io.forewarn.notifier.template.RenderResult;
import io.forewarn.notifier.template.RenderedMessage;
import io.forewarn.notifier.template.TemplateConfig;
import java.util.List;
import java.util.Locale;

/**
 * Writes the channel messages a plan asks for: renders the template and wraps the text in the
 * connector's message type. Customer messages use the customer's language and time zone;
 * tickets the operations team's.
 */
public final class OutreachComposer {
  private final MessageRenderer renderer;
  private final TemplateConfig templates;

  public OutreachComposer(MessageRenderer renderer, TemplateConfig templates) {
    this.renderer = renderer;
    this.templates = templates;
  }

  public Composition<SmsMessage> sms(IncidentNotice notice, Scheduled plan) {
    if (notice.customer().phone() == null) {
      return new Composition.Failed<>("customer " + notice.customer().id() + " has no phone number");
    }
    return switch (renderer.render(MessageRequest.forCustomer(notice, plan, Channel.SMS))) {
      case RenderResult.Rendered r -> new Composition.Ready<>(
          new SmsMessage(plan.deliveryKey(), notice.customer().phone(), r.message().text()));
      case RenderResult.Failed f -> new Composition.Failed<>(f.reason());
    };
  }

  public Composition<EmailMessage> email(IncidentNotice notice, Scheduled plan) {
    if (notice.customer().email() == null) {
      return new Composition.Failed<>("customer " + notice.customer().id() + " has no email address");
    }
    return switch (renderer.render(MessageRequest.forCustomer(notice, plan, Channel.EMAIL))) {
      case RenderResult.Rendered r -> {
        RenderedMessage m = r.message();
        yield new Composition.Ready<>(new EmailMessage(plan.deliveryKey(), notice.customer().email(),
            notice.customer().name(), m.subject(), m.text(), m.html(), m.key().language()));
      }
      case RenderResult.Failed f -> new Composition.Failed<>(f.reason());
    };
  }

  /**
   * @param ticketId what the helpdesk returned when the ticket was opened; required for
   *     comments and the close, ignored for {@link TicketStep.Action#OPEN}
   */
  public Composition<TicketMessage> ticket(IncidentNotice notice, TicketStep step, String ticketId) {
    if (step.action() != TicketStep.Action.OPEN && ticketId == null) {
      return new Composition.Failed<>("incident " + notice.incidentId() + " has no ticket yet to " + step.action());
    }
    Transition template = switch (step.action()) {
      case OPEN -> Transition.OPENED;
      case COMMENT -> Transition.UPDATED;
      case SOLVE -> Transition.RESOLVED;
    };
    MessageRequest request = MessageRequest.forTicket(notice, template, templates.operationsLanguage(),
        templates.operationsZone());
    return switch (renderer.render(request)) {
      case RenderResult.Rendered r -> new Composition.Ready<>(switch (step.action()) {
        case OPEN -> new TicketMessage.Create(step.deliveryKey(), notice.incidentId(), r.message().subject(),
            r.message().text(), TicketPriority.of(notice.severity()), tags(notice));
        case COMMENT ->
          new TicketMessage.Comment(step.deliveryKey(), notice.incidentId(), ticketId, r.message().text());
        case SOLVE -> new TicketMessage.Solve(step.deliveryKey(), notice.incidentId(), ticketId, r.message().text());
      });
      case RenderResult.Failed f -> new Composition.Failed<>(f.reason());
    };
  }

  private static List<String> tags(IncidentNotice notice) {
    return List.of(notice.kind().templateName(), "severity_" + notice.severity().name().toLowerCase(Locale.ROOT),
        "problem_" + notice.summary().key());
  }
}

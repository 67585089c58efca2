package io.forewarn.notifier.outreach;

import io.forewarn.notifier.outreach.CustomerOutreach.NotSent;
import io.forewarn.notifier.outreach.CustomerOutreach.Scheduled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an incident notice plus what the customer already received into an {@link OutreachPlan}.
 * Pure decisions, no I/O: the delivery loop persists the plan and sends it.
 *
 * <p>Rules: one opening message per incident and customer; an update only when something
 * meaningful changed ({@link ChangeRule}); a closing message only if the customer heard of the
 * incident; quiet hours in the customer's zone; at most {@code dailyCap} messages in any 24 hours;
 * channels in the customer's order minus opt-outs and missing addresses, the rest as fallbacks.
 */
public final class OutreachPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(OutreachPlanner.class);
  private static final Duration CAP_WINDOW = Duration.ofHours(24);

  private final Clock clock;
  private final PlannerConfig config;
  private final SendWindow window;
  private final ChangeRule changeRule;

  public OutreachPlanner(Clock clock, PlannerConfig config) {
    this.clock = clock;
    this.config = config;
    this.window = new SendWindow(config.quietHoursOverride());
    this.changeRule = new ChangeRule(config.etaShiftThreshold());
  }

  public OutreachPlan plan(IncidentNotice notice, ContactHistory history) {
    CustomerOutreach customer = planCustomer(notice, history);
    LOG.debug("[incident: {}] [customer: {}] {} -> {}", notice.incidentId(),
        notice.customer().id(), notice.transition(), customer);
    return new OutreachPlan(notice, ticketStep(notice), customer);
  }

  /**
   * The plan after {@code failed} failed permanently for {@code scheduled}: the next fallback
   * channel, re-timed for quiet hours from now, or {@link NoOutreachReason#ALL_CHANNELS_FAILED}.
   */
  public CustomerOutreach afterPermanentFailure(IncidentNotice notice, Scheduled scheduled, Channel failed) {
    int index = scheduled.channels().indexOf(failed);
    if (index < 0) {
      throw new IllegalArgumentException(failed + " is not among " + scheduled.channels());
    }
    List<Channel> rest = scheduled.channels().subList(index + 1, scheduled.channels().size());
    if (rest.isEmpty()) {
      return new NotSent(NoOutreachReason.ALL_CHANNELS_FAILED,
          "tried " + scheduled.channels() + "; " + failed + " was the last");
    }
    Instant notBefore = later(clock.instant(), scheduled.sendAt());
    SendWindow.Timing timing = window.earliest(notice, scheduled.template(), notBefore);
    return new Scheduled(scheduled.deliveryKey(), scheduled.template(), rest, timing.sendAt(),
        timing.reason(), scheduled.gestureKey(), scheduled.survey());
  }

  /** When a retry proposed for {@code proposed} may actually go out (quiet hours may defer it). */
  public Instant retryTime(IncidentNotice notice, Scheduled scheduled, Instant proposed) {
    return window.earliest(notice, scheduled.template(), proposed).sendAt();
  }

  private CustomerOutreach planCustomer(IncidentNotice notice, ContactHistory history) {
    String incident = notice.incidentId();
    List<SentMessage> prior = history.aboutIncident(incident);
    Transition template;
    String key;
    switch (notice.transition()) {
      case OPENED -> {
        if (!prior.isEmpty()) {
          return new NotSent(NoOutreachReason.ALREADY_NOTIFIED, "the customer was told at " + prior.get(0).sentAt());
        }
        template = Transition.OPENED;
        key = deliveryKey(notice, Transition.OPENED, null);
      }
      case UPDATED -> {
        Optional<SentMessage> last = history.latestAbout(incident);
        if (last.isEmpty()) {
          // The customer never heard of it (e.g. it was minor until now): introduce it properly.
          template = Transition.OPENED;
          key = deliveryKey(notice, Transition.OPENED, null);
        } else {
          Optional<String> change = changeRule.meaningfulChange(last.get(), notice);
          if (change.isEmpty()) {
            return new NotSent(NoOutreachReason.NO_MEANINGFUL_CHANGE, "nothing the customer would act on changed");
          }
          template = Transition.UPDATED;
          key = deliveryKey(notice, Transition.UPDATED, notice.revision());
        }
      }
      case RESOLVED -> {
        if (history.anySent(incident, Transition.RESOLVED)) {
          return new NotSent(NoOutreachReason.ALREADY_NOTIFIED, "the closing message already went out");
        }
        if (prior.isEmpty()) {
          return new NotSent(NoOutreachReason.NOTHING_TO_CLOSE, "the customer was never told about it");
        }
        template = Transition.RESOLVED;
        key = deliveryKey(notice, Transition.RESOLVED, null);
      }
      default -> throw new IllegalStateException("unknown transition " + notice.transition());
    }
    if (template == Transition.OPENED && belowThreshold(notice)) {
      return new NotSent(NoOutreachReason.BELOW_SEVERITY_THRESHOLD,
          notice.severity() + " is below " + config.minCustomerSeverity());
    }
    List<Channel> channels = usableChannels(notice.customer());
    if (channels.isEmpty()) {
      return new NotSent(NoOutreachReason.NO_USABLE_CHANNEL, whyNoChannel(notice.customer()));
    }
    SendWindow.Timing timing = window.earliest(notice, template, clock.instant());
    int cap = notice.customer().preferences().dailyCap();
    List<Instant> recent = history.sendsBetween(timing.sendAt().minus(CAP_WINDOW), timing.sendAt());
    if (recent.size() >= cap) {
      return new NotSent(NoOutreachReason.DAILY_CAP_REACHED,
          recent.size() + " messages in the 24 hours before " + timing.sendAt() + " (cap " + cap + ")");
    }
    boolean closing = template == Transition.RESOLVED;
    String gesture = closing ? gestureFor(notice) : null;
    var survey = closing && config.feedbackFor().contains(notice.kind()) ? config.survey() : null;
    return new Scheduled(key, template, channels, timing.sendAt(), timing.reason(), gesture, survey);
  }

  private boolean belowThreshold(IncidentNotice notice) {
    return notice.kind() != IncidentKind.PLANNED_MAINTENANCE
        && !notice.severity().atLeast(config.minCustomerSeverity());
  }

  private String gestureFor(IncidentNotice notice) {
    return config.gestures().stream().filter(g -> g.appliesTo(notice))
        .map(GestureRule::gestureKey).findFirst().orElse(null);
  }

  private static List<Channel> usableChannels(Customer customer) {
    List<Channel> channels = new ArrayList<>();
    for (Channel channel : customer.preferences().channelOrder()) {
      if (!customer.preferences().optedOut().contains(channel) && customer.reachableBy(channel)) {
        channels.add(channel);
      }
    }
    return channels;
  }

  private static String whyNoChannel(Customer customer) {
    List<String> reasons = new ArrayList<>();
    for (Channel channel : customer.preferences().channelOrder()) {
      reasons.add(channel + (customer.preferences().optedOut().contains(channel) ? " opted out" : " has no address"));
    }
    return reasons.isEmpty() ? "no channels preferred" : String.join(", ", reasons);
  }

  private static TicketStep ticketStep(IncidentNotice notice) {
    String base = notice.incidentId() + "/ticket/";
    return switch (notice.transition()) {
      case OPENED -> new TicketStep(TicketStep.Action.OPEN, base + "opened");
      case UPDATED -> new TicketStep(TicketStep.Action.COMMENT, base + "updated/" + notice.revision());
      case RESOLVED -> new TicketStep(TicketStep.Action.SOLVE, base + "resolved");
    };
  }

  private static String deliveryKey(IncidentNotice notice, Transition template, Long revision) {
    String key = notice.incidentId() + "/" + notice.customer().id() + "/" + template.name().toLowerCase(Locale.ROOT);
    return revision == null ? key : key + "/" + revision;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}

package io.forewarn.notifier.outreach;

import io.forewarn.common.config.ConfigReader;
import io.forewarn.notifier.feedback.SurveyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Rules for when customers hear from us.
 *
 * @param minCustomerSeverity below this a device problem or disruption only opens a ticket
 *     (planned maintenance is always announced: customers need to plan around it)
 * @param etaShiftThreshold an update goes out only if the ETA moved by more than this
 * @param quietHoursOverride kinds whose opening and update messages may arrive in quiet hours
 * @param gestures "plus one" rules for closing messages
 * @param survey the feedback question on closing messages, or {@code null} for none
 * @param feedbackFor kinds whose closing message asks for feedback
 */
public record PlannerConfig(
    Severity minCustomerSeverity,
    Duration etaShiftThreshold,
    Set<IncidentKind> quietHoursOverride,
    List<GestureRule> gestures,
    SurveyKind survey,
    Set<IncidentKind> feedbackFor) {

  public static final String GESTURE_SERVICE_CREDIT = "service_credit";

  public PlannerConfig {
    Objects.requireNonNull(minCustomerSeverity, "minCustomerSeverity");
    Objects.requireNonNull(etaShiftThreshold, "etaShiftThreshold");
    if (etaShiftThreshold.isNegative()) {
      throw new IllegalArgumentException("ETA shift threshold must not be negative");
    }
    quietHoursOverride = Set.copyOf(quietHoursOverride);
    gestures = List.copyOf(gestures);
    feedbackFor = Set.copyOf(feedbackFor);
  }

  /** Medium severity and up, 30 min ETA threshold, quiet hours always kept, CSAT, no gesture. */
  public static PlannerConfig defaults() {
    return new PlannerConfig(Severity.MEDIUM, Duration.ofMinutes(30), Set.of(), List.of(),
        SurveyKind.CSAT, EnumSet.of(IncidentKind.DEVICE_PROBLEM, IncidentKind.SERVICE_DISRUPTION));
  }

  /** Reads the {@code FOREWARN_NOTIFIER_*} planning settings; problems are recorded on {@code r}. */
  public static PlannerConfig read(ConfigReader r) {
    PlannerConfig d = defaults();
    Severity severity = r.choice("FOREWARN_NOTIFIER_MIN_CUSTOMER_SEVERITY", Severity.class, d.minCustomerSeverity());
    Duration threshold = r.duration("FOREWARN_NOTIFIER_ETA_SHIFT_THRESHOLD", d.etaShiftThreshold(),
        Duration.ZERO, Duration.ofDays(7));
    boolean disruptionOverrides = r.bool("FOREWARN_NOTIFIER_DISRUPTION_OVERRIDES_QUIET_HOURS", false);
    Duration creditAfter = r.duration("FOREWARN_NOTIFIER_DISRUPTION_CREDIT_AFTER", null,
        Duration.ofMinutes(1), Duration.ofDays(30));
    String surveyName = r.string("FOREWARN_NOTIFIER_SURVEY", "csat").toUpperCase(Locale.ROOT);
    SurveyKind survey = null;
    if (!surveyName.equals("NONE")) {
      try {
        survey = SurveyKind.valueOf(surveyName);
      } catch (IllegalArgumentException e) {
        r.check(false, "FOREWARN_NOTIFIER_SURVEY=" + surveyName.toLowerCase(Locale.ROOT)
            + " is not one of [csat, ces, nps, none]");
        survey = d.survey();
      }
    }
    List<GestureRule> gestures = new ArrayList<>();
    if (creditAfter != null) {
      gestures.add(new GestureRule(IncidentKind.SERVICE_DISRUPTION, creditAfter, GESTURE_SERVICE_CREDIT));
    }
    Set<IncidentKind> overrides = disruptionOverrides ? EnumSet.of(IncidentKind.SERVICE_DISRUPTION) : Set.of();
    return new PlannerConfig(severity, threshold, overrides, gestures, survey, d.feedbackFor());
  }
}

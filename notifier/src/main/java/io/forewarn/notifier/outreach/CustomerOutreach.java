package io.forewarn.notifier.outreach;

import io.forewarn.notifier.feedback.SurveyKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The customer half of an outreach plan: one message to schedule, or the reason for none. */
public sealed interface CustomerOutreach {

  /**
   * Send the {@code template} message at {@code sendAt} through {@code channels[0]}; the rest are
   * fallbacks in order, used only when the one before fails permanently.
   *
   * @param deliveryKey unique per customer message; the delivery loop's dedup key
   * @param template which transition's template to use (a first contact on an update uses OPENED)
   * @param gestureKey the "plus one" to offer (and apply), or {@code null}
   * @param survey the feedback question to ask, or {@code null}
   */
  record Scheduled(
      String deliveryKey, Transition template, List<Channel> channels, Instant sendAt,
      SendTiming timing, String gestureKey, SurveyKind survey) implements CustomerOutreach {

    public Scheduled {
      Objects.requireNonNull(deliveryKey, "deliveryKey");
      Objects.requireNonNull(template, "template");
      channels = List.copyOf(channels);
      Objects.requireNonNull(sendAt, "sendAt");
      Objects.requireNonNull(timing, "timing");
      if (channels.isEmpty()) {
        throw new IllegalArgumentException("a scheduled message needs at least one channel");
      }
    }

    public Channel channel() {
      return channels.get(0);
    }

    public Optional<String> gesture() {
      return Optional.ofNullable(gestureKey);
    }

    public Optional<SurveyKind> feedbackRequest() {
      return Optional.ofNullable(survey);
    }
  }

  record NotSent(NoOutreachReason reason, String detail) implements CustomerOutreach {
    public NotSent {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}

package io.forewarn.notifier.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainValidationTest {
  private final ContactPreferences prefs = Notices.preferences(ZoneId.of("UTC"), null);

  @Test
  void rejects_phone_not_in_e164() {
    assertThatThrownBy(() -> new Customer("C-1", "Ada", "07700 900123", null, prefs))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("E.164");
  }

  @Test
  void rejects_ticket_as_a_customer_channel_and_duplicates() {
    assertThatThrownBy(() -> new ContactPreferences(List.of(Channel.TICKET), Locale.ENGLISH, ZoneId.of("UTC"), null,
        Set.of(), 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ContactPreferences(List.of(Channel.SMS, Channel.SMS), Locale.ENGLISH,
        ZoneId.of("UTC"), null, Set.of(), 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejects_daily_cap_below_one() {
    assertThatThrownBy(() -> new ContactPreferences(List.of(Channel.SMS), Locale.ENGLISH, ZoneId.of("UTC"), null,
        Set.of(), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("daily cap");
  }

  @Test
  void disruption_needs_a_region_and_device_problem_a_device() {
    assertThatThrownBy(() -> Notices.disruption().region(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region");
    assertThatThrownBy(() -> Notices.device().device(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device");
  }

  @Test
  void resolution_info_comes_exactly_with_the_resolved_transition() {
    IncidentNotice resolved = Notices.device().resolved(Duration.ofHours(1)).build();
    assertThatThrownBy(() -> new IncidentNotice("INC-1", 1, IncidentKind.DEVICE_PROBLEM, Transition.OPENED,
        Severity.HIGH, resolved.occurredAt(), resolved.device(), resolved.customer(), resolved.summary(), null, null,
        null, null, null, resolved.resolution())).isInstanceOf(IllegalArgumentException.class);
    assertThat(resolved.resolution().impact()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void rejects_problem_keys_that_are_not_snake_case() {
    assertThatThrownBy(() -> ProblemSummary.of("Battery Low")).isInstanceOf(IllegalArgumentException.class);
  }
}

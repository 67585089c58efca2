package io.forewarn.notifier.outreach;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Test fixtures: a customer and notices with sensible defaults, changed one field at a time. */
public final class Notices {
  public static final Instant NOON_UTC = Instant.parse("2025-06-10T12:00:00Z");

  private Notices() {}

  public static ContactPreferences preferences(ZoneId zone, QuietHours quiet) {
    return new ContactPreferences(List.of(Channel.SMS, Channel.EMAIL), Locale.ENGLISH, zone, quiet, Set.of(), 3);
  }

  public static Customer customer(ContactPreferences preferences) {
    return new Customer("C-1", "Ada Lovelace", "+447700900123", "ada@example.com", preferences);
  }

  public static Customer customer() {
    return customer(preferences(ZoneId.of("Europe/London"), null));
  }

  public static Builder device() {
    return new Builder(IncidentKind.DEVICE_PROBLEM);
  }

  public static Builder disruption() {
    return new Builder(IncidentKind.SERVICE_DISRUPTION).region("North Riverside").device(null)
        .summary("network_outage");
  }

  /** Every GB24 boiler on firmware 1.9.2 is degrading: told about the customer's product, not an area. */
  public static Builder firmwareDisruption() {
    return new Builder(IncidentKind.SERVICE_DISRUPTION).firmware("boiler-gb24", "1.9.2").device(null)
        .summary("software_fault");
  }

  public static Builder maintenance() {
    return new Builder(IncidentKind.PLANNED_MAINTENANCE).device(null).summary("maintenance_network")
        .window(
            new MaintenanceWindow(NOON_UTC.plus(Duration.ofDays(1)), NOON_UTC.plus(Duration.ofDays(1).plusHours(3))));
  }

  /** Mutable on purpose: each test states only what it is about. */
  public static final class Builder {
    private final IncidentKind kind;
    private String id = "INC-1";
    private long revision = 1;
    private Transition transition = Transition.OPENED;
    private Severity severity = Severity.HIGH;
    private Instant occurredAt = NOON_UTC;
    private Device device = new Device("SN-1", "SafeHome Hub 2");
    private Customer customer = Notices.customer();
    private ProblemSummary summary = new ProblemSummary("battery_wearing_out", Map.of("capacity_percent", "40"));
    private Instant failureAt;
    private Instant eta;
    private String action;
    private AffectedScope scope;
    private MaintenanceWindow window;
    private Resolution resolution;

    private Builder(IncidentKind kind) {
      this.kind = kind;
    }

    public Builder id(String v) { id = v; return this; }
    public Builder revision(long v) { revision = v; return this; }
    public Builder severity(Severity v) { severity = v; return this; }
    public Builder occurredAt(Instant v) { occurredAt = v; return this; }
    public Builder device(Device v) { device = v; return this; }
    public Builder customer(Customer v) { customer = v; return this; }
    public Builder summary(String key) { summary = ProblemSummary.of(key); return this; }
    public Builder summary(ProblemSummary v) { summary = v; return this; }
    public Builder failureAt(Instant v) { failureAt = v; return this; }
    public Builder eta(Instant v) { eta = v; return this; }
    public Builder action(String v) { action = v; return this; }
    public Builder region(String v) { scope = v == null ? null : new AffectedScope.Area(v); return this; }
    public Builder firmware(String model, String version) {
      scope = new AffectedScope.Firmware(model, version);
      return this;
    }
    public Builder window(MaintenanceWindow v) { window = v; return this; }

    public Builder opened() { transition = Transition.OPENED; resolution = null; return this; }
    public Builder updated() { transition = Transition.UPDATED; resolution = null; return this; }

    public Builder resolved(Duration impact) {
      transition = Transition.RESOLVED;
      resolution = new Resolution(occurredAt, impact);
      return this;
    }

    public IncidentNotice build() {
      return new IncidentNotice(id, revision, kind, transition, severity, occurredAt, device, customer, summary,
          failureAt, eta, action, scope, window, resolution);
    }
  }
}

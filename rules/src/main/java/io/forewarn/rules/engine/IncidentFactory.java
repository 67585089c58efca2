package io.forewarn.rules.engine;

import io.forewarn.rules.ruleset.Detector;
import io.forewarn.rules.ruleset.RuleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the incident a person reads: plain words, the evidence, the forecast and what to do. */
final class IncidentFactory {
  private final String rulesVersion;

  IncidentFactory(String rulesVersion) {
    this.rulesVersion = rulesVersion;
  }

  static String fingerprint(DeviceInfo d, RuleSpec spec) {
    return "device:" + d.id() + ":" + spec.qualifiedId();
  }

  Incident open(DeviceState device, RuleInstance rule, long now) {
    DeviceInfo d = device.info;
    RuleSpec spec = rule.spec;
    Instant predicted = rule.lastEtaMillis >= 0 ? Instant.ofEpochMilli(rule.lastSampleTs + rule.lastEtaMillis) : null;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("device_external_id", d.externalId());
    details.put("model", d.model());
    details.put("rule", spec.qualifiedId());
    details.put("rules_version", rulesVersion);
    details.put("suggested_action", spec.action());
    if (spec.actionKey() != null) {
      details.put("action_key", spec.actionKey()); // the notifier's "what you can do" phrase
    }
    details.put("fleet_signal",
        spec.detector() instanceof Detector.NoData ? "silence" : spec.fleet() ? "degradation" : "none");
    if (spec.metric() != null) {
      details.put("metric", spec.metric());
      details.put("observed", round(rule.lastObserved));
      List<Map<String, Object>> recent = new ArrayList<>();
      for (int i = 0; i < rule.recentCount; i++) {
        recent
            .add(Map.of("ts", Instant.ofEpochMilli(rule.recentTs[i]).toString(), "value", round(rule.recentValues[i])));
      }
      details.put("recent", recent);
    } else {
      details.put("last_seen",
          device.lastTs == Long.MIN_VALUE ? "never" : Instant.ofEpochMilli(device.lastTs).toString());
      details.put("offline_status", device.offline);
    }
    String summary = spec.summary()
        .replace("{device}", d.externalId())
        .replace("{value}", spec.metric() == null ? "" : String.valueOf(round(rule.lastObserved)))
        .replace("{eta}", predicted == null ? "soon" : "in about " + humanize(Duration.ofMillis(rule.lastEtaMillis)))
        .replace("{silence}", device.lastTs == Long.MIN_VALUE ? "a while"
            : humanize(Duration.ofMillis(Math.max(0, now - device.lastTs))));
    Instant opened = Instant
        .ofEpochMilli(rule.machine.pendingSince() == Long.MIN_VALUE ? now : rule.machine.pendingSince());
    return new Incident(fingerprint(d, spec), Incident.DEVICE_PROBLEM, spec.qualifiedId(), "device",
        String.valueOf(d.id()), d.id(), d.customerId(), "firing", spec.severity().dbName(), summary, spec.summaryKey(),
        details, predicted, null, null, opened, Instant.ofEpochMilli(now), null);
  }

  static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000.0) / 1000.0 : 0.0;
  }

  static String humanize(Duration d) {
    if (d.toDays() >= 2) {
      return d.toDays() + " days";
    }
    if (d.toHours() >= 2) {
      return d.toHours() + " hours";
    }
    return String.format(Locale.ROOT, "%d minutes", Math.max(1, d.toMinutes()));
  }
}

package io.forewarn.notifier.template;

import io.forewarn.notifier.outreach.Transition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The placeholder vocabulary and, per template family and transition, whether a value is always
 * there, sometimes there (then the template must guard it with a section) or never there. The
 * template check uses this to fail at load time instead of sending "We'll fix it by ." later.
 */
public final class Placeholders {
  public enum Presence { ALWAYS, SOMETIMES, NEVER }

  /** Every name with what it holds, for error messages and the docs. */
  public static final Map<String, String> DESCRIPTIONS = descriptions();

  private static final Set<String> DEVICE = Set.of("device.model", "device.id");
  private static final Set<String> CLOSING_ALWAYS = Set.of("duration", "resolved_at");
  private static final Set<String> CLOSING_SOMETIMES = Set.of("gesture", "survey");
  private static final Set<String> MAINTENANCE = Set.of("window.start", "window.end");
  private static final Set<String> FIRMWARE = Set.of("firmware", "firmware.version");
  private static final Set<String> SOMETIMES = Set.of(
      "customer.phone", "customer.email", "problem.details", "failure_by", "action", "incident.url");

  private Placeholders() {}

  public static boolean known(String name) {
    return DESCRIPTIONS.containsKey(name);
  }

  public static Presence presence(String name, TemplateFamily family, Transition transition) {
    boolean closing = transition == Transition.RESOLVED;
    if (DEVICE.contains(name)) {
      return family == TemplateFamily.DEVICE_PROBLEM ? Presence.ALWAYS : Presence.SOMETIMES;
    }
    if (name.equals("region")) {
      return switch (family) {
        case SERVICE_DISRUPTION -> Presence.ALWAYS;
        case FIRMWARE_DISRUPTION -> Presence.NEVER;
        case DEVICE_PROBLEM, PLANNED_MAINTENANCE -> Presence.SOMETIMES;
      };
    }
    if (name.equals("product")) {
      return family == TemplateFamily.DEVICE_PROBLEM || family == TemplateFamily.FIRMWARE_DISRUPTION
          ? Presence.ALWAYS : Presence.NEVER;
    }
    if (FIRMWARE.contains(name)) {
      return family == TemplateFamily.FIRMWARE_DISRUPTION ? Presence.ALWAYS : Presence.NEVER;
    }
    if (MAINTENANCE.contains(name)) {
      return family == TemplateFamily.PLANNED_MAINTENANCE ? Presence.ALWAYS : Presence.NEVER;
    }
    if (CLOSING_ALWAYS.contains(name)) {
      return closing ? Presence.ALWAYS : Presence.NEVER;
    }
    if (CLOSING_SOMETIMES.contains(name)) {
      return closing ? Presence.SOMETIMES : Presence.NEVER;
    }
    if (name.equals("eta")) {
      return closing ? Presence.NEVER : Presence.SOMETIMES;
    }
    if (SOMETIMES.contains(name)) {
      return Presence.SOMETIMES;
    }
    if (known(name)) {
      return Presence.ALWAYS;
    }
    throw new IllegalArgumentException("unknown placeholder " + name);
  }

  private static Map<String, String> descriptions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("brand", "our name as customers know it (config FOREWARN_NOTIFIER_BRAND)");
    d.put("customer.name", "how the customer wants to be addressed");
    d.put("customer.id", "the customer's id in our systems");
    d.put("customer.phone", "the customer's phone (E.164), if we have one");
    d.put("customer.email", "the customer's email, if we have one");
    d.put("incident.id", "our incident reference, quoted by customers and agents");
    d.put("incident.url", "link to the incident for operators (config FOREWARN_NOTIFIER_INCIDENT_URL), if set");
    d.put("severity", "severity in words (phrase severity.<level>)");
    d.put("noticed_at", "when the change happened, in the reader's time zone");
    d.put("problem", "what is wrong in plain words (phrase problem.<key>)");
    d.put("problem.key", "the problem key for operators, e.g. battery_wearing_out");
    d.put("problem.details", "the problem's parameters for operators, e.g. capacity_percent=71");
    d.put("device.model", "the device's model name (always there for device problems)");
    d.put("device.id", "the device's serial / external id (always there for device problems)");
    d.put("region", "the affected area (always there for area disruptions, never for firmware ones)");
    d.put("product", "the product's name for customers, phrase model.<model>, else the model id"
        + " (device problems and firmware disruptions)");
    d.put("firmware", "the faulty firmware as operators know it, model@version (firmware disruptions only)");
    d.put("firmware.version", "the faulty firmware's version, e.g. 1.9.2 (firmware disruptions only)");
    d.put("failure_by", "when the device is predicted to stop working");
    d.put("eta", "when we expect the fix (never in closing messages)");
    d.put("action", "what the customer can do (phrase action.<key>)");
    d.put("window.start", "when planned maintenance starts (maintenance only)");
    d.put("window.end", "when planned maintenance ends (maintenance only)");
    d.put("duration", "how long the customer was affected (closing messages only)");
    d.put("resolved_at", "when it was fixed (closing messages only)");
    d.put("gesture", "the \"plus one\" we offer, e.g. a service credit (closing messages only)");
    d.put("survey", "the feedback question (closing messages only)");
    return Collections.unmodifiableMap(d);
  }
}

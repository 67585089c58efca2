package io.forewarn.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.notifier.outreach.AffectedScope;
import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.ContactPreferences;
import io.forewarn.notifier.outreach.Customer;
import io.forewarn.notifier.outreach.Device;
import io.forewarn.notifier.outreach.IncidentKind;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.Transition;
import io.forewarn.notifier.template.MessageRenderer;
import io.forewarn.notifier.template.MessageRequest;
import io.forewarn.notifier.template.RenderResult;
import io.forewarn.notifier.template.TemplateCatalog;
import io.forewarn.notifier.template.TemplateSource;
import io.forewarn.rules.engine.DeviceInfo;
import io.forewarn.rules.engine.Engine;
import io.forewarn.rules.engine.Incident;
import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleFileLoader;
import io.forewarn.rules.ruleset.RuleSet;
import io.forewarn.rules.ruleset.RuleSpec;
import io.forewarn.rules.store.IncidentJson;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The rules → notifier contract, checked against the real artefacts on both sides: the rule file the
 * rules service ships, its payload writer, and the phrase books and templates the notifier ships. Before
 * this test the rules wrote keys like {@code router.rssi_low} and the notifier silently dropped them.
 */
class RulesContractTest {
  private static final Locale RU = Locale.of("ru");
  private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, RU);
  private static final long MIN = 60_000;
  private static final long T0 = Instant.parse("2026-12-01T08:00:00Z").toEpochMilli();
  private static final RuleSet SHIPPED = new RuleFileLoader(ProductCatalog.standard()).loadDefault();

  private static TemplateCatalog catalog() throws Exception {
    return TemplateCatalog.load(TemplateSource.shipped(), LANGUAGES, Locale.ENGLISH, Set.of("service_credit"));
  }

  @Test
  void every_key_the_shipped_rules_write_has_a_phrase_in_every_language() throws Exception {
    // GIVEN every problem and action key the rules stage can write: each rule's, and the disruptions'
    Set<String> wanted = new TreeSet<>();
    for (List<RuleSpec> rules : SHIPPED.rulesByModel().values()) {
      for (RuleSpec r : rules) {
        wanted.add("problem." + r.summaryKey());
        if (r.actionKey() != null) {
          wanted.add("action." + r.actionKey());
        }
      }
    }
    Incident.DISRUPTION_SUMMARY_KEYS.forEach(k -> wanted.add("problem." + k));
    // WHEN they are looked up in the notifier's phrase books
    TemplateCatalog catalog = catalog();
    for (Locale language : LANGUAGES) {
      List<String> missing = wanted.stream().filter(k -> catalog.phrases(language).raw(k).isEmpty()).toList();
      // THEN none is missing, in any language
      assertThat(missing).as("phrases.%s.properties lacks", language.getLanguage()).isEmpty();
    }
    assertThat(wanted).contains("problem.device_offline", "problem.network_outage", "action.check_power");
  }

  @Test
  void every_model_the_rules_know_has_a_name_customers_read_in_every_language() throws Exception {
    // GIVEN the models of the rules stage's catalogue (devices.model)
    Set<String> models = new TreeSet<>(ProductCatalog.standard().metricsByModel().keySet());
    // WHEN their names are looked up in the notifier's phrase books
    TemplateCatalog catalog = catalog();
    for (Locale language : LANGUAGES) {
      List<String> unnamed = models.stream()
          .filter(m -> catalog.phrases(language).raw("model." + m).isEmpty()).toList();
      // THEN each has one, so a firmware disruption names the product rather than its id
      assertThat(unnamed).as("phrases.%s.properties lacks model.<name> for", language.getLanguage()).isEmpty();
    }
    assertThat(models).contains("cpe-hr300", "boiler-gb24", "heatpump-hp9");
  }

  @Test
  void a_device_incident_as_the_rules_stage_writes_it_becomes_a_message_in_both_languages() throws Exception {
    // GIVEN a boiler whose pressure stays low for an hour, evaluated by the shipped rules
    Engine engine = new Engine(SHIPPED, ProductCatalog.standard(), List.of(boiler(1)));
    List<io.forewarn.rules.engine.Transition> log = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      log.addAll(engine.onSample(1, T0 + i * 10 * MIN, Map.of("pressure_bar", 0.6, "flow_temp_c", 60.0)));
    }
    Incident incident = log.stream().map(io.forewarn.rules.engine.Transition::incident)
        .filter(i -> i.ruleId().equals("boiler-gb24/pressure_low")).findFirst().orElseThrow();
    // WHEN its outbox payload, exactly as the rules stage writes it, is read by the notifier
    JsonObject payload = new JsonObject(IncidentJson.outboxPayload("opened", incident, 11, null).encode());
    IncidentPayload read = new IncidentPayload(5, Instant.ofEpochMilli(T0), payload, new Device("gb-1", "boiler"));
    // THEN the problem and the customer's action are phrase-book keys, and both languages render
    assertThat(read.summary().key()).isEqualTo("pressure_dropping");
    assertThat(read.suggestedActionKey()).isEqualTo("top_up_pressure");
    String english = sms(read, Locale.ENGLISH);
    assertThat(english).contains("the pressure in it is slowly dropping").contains("top up the pressure");
    assertThat(sms(read, RU)).contains("давление в устройстве постепенно падает");
  }

  @Test
  void a_region_disruption_as_the_rules_stage_writes_it_becomes_a_message_in_both_languages() throws Exception {
    // GIVEN six boilers of one region that report for an hour, then all fall silent
    List<DeviceInfo> fleet = new ArrayList<>();
    for (int d = 1; d <= 6; d++) {
      fleet.add(boiler(d));
    }
    Engine engine = new Engine(SHIPPED, ProductCatalog.standard(), fleet);
    for (int d = 1; d <= 6; d++) {
      for (int i = 0; i < 6; i++) {
        engine.onSample(d, T0 + i * 10 * MIN + d * 1000, Map.of("pressure_bar", 1.4));
      }
    }
    List<io.forewarn.rules.engine.Transition> log = new ArrayList<>();
    for (long t = T0 + 60 * MIN; t <= T0 + 180 * MIN; t += MIN) {
      log.addAll(engine.tick(t));
    }
    Incident region = log.stream().map(io.forewarn.rules.engine.Transition::incident)
        .filter(i -> i.kind().equals(Incident.SERVICE_DISRUPTION) && "region".equals(i.scopeType()))
        .findFirst().orElseThrow();
    // WHEN the notifier reads its outbox payload
    JsonObject payload = new JsonObject(IncidentJson.outboxPayload("opened", region, 12, null).encode());
    IncidentPayload read = new IncidentPayload(6, Instant.ofEpochMilli(T0), payload, null);
    // THEN it is a network outage in the north, told in both languages
    assertThat(read.kind()).isEqualTo(IncidentKind.SERVICE_DISRUPTION);
    assertThat(read.summary().key()).isEqualTo("network_outage");
    assertThat(read.affectedDeviceIds()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(sms(read, Locale.ENGLISH)).contains("a fault in our network");
    assertThat(sms(read, RU)).contains("неисправность в нашей сети");
  }

  @Test
  void a_firmware_disruption_as_the_rules_stage_writes_it_names_every_device_of_the_firmware_once() throws Exception {
    // GIVEN thirty boilers on three firmwares, judged by the shipped rules: three days learning their flame
    // signal, then the 1.9.2 ones' signal sinking 0.03 µA an hour (the first two of them one household's)
    List<DeviceInfo> fleet = new ArrayList<>();
    for (int d = 1; d <= 30; d++) {
      String firmware = d <= 10 ? "1.9.2" : d <= 20 ? "1.9.0" : "1.8.4";
      fleet.add(new DeviceInfo(d, "gb-" + d, d == 2 ? 101L : 100L + d, "boiler-gb24", firmware, "north", "n1"));
    }
    Engine engine = new Engine(SHIPPED, ProductCatalog.standard(), fleet);
    java.util.Random noise = new java.util.Random(1);
    long monday = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    long onset = monday + 3 * 24 * 60 * MIN;
    Incident firmware = null;
    for (long t = monday; t < onset + 24 * 60 * MIN && firmware == null; t += 15 * MIN) {
      for (DeviceInfo d : fleet) {
        double sink = d.id() <= 10 && t > onset ? 0.03 * (t - onset) / (60 * MIN) : 0;
        double signal = 4 + 0.1 * d.id() - sink + 0.15 * noise.nextGaussian();
        for (io.forewarn.rules.engine.Transition tr : engine.onSample(d.id(), t + d.id() * 1000L,
            Map.of("flame_signal_ua", signal))) {
          if (tr.incident().kind().equals(Incident.SERVICE_DISRUPTION)
              && "firmware".equals(tr.incident().scopeType())) {
            firmware = tr.incident();
          }
        }
      }
    }
    assertThat(firmware).as("the firmware's disruption").isNotNull();
    // WHEN the notifier reads its outbox payload
    JsonObject payload = new JsonObject(IncidentJson.outboxPayload("opened", firmware, 13, null).encode());
    IncidentPayload read = new IncidentPayload(7, Instant.ofEpochMilli(T0), payload, null);
    // THEN it is a software fault naming every device of the firmware (its audience is their customers,
    // each once: Audience selects DISTINCT customers of these devices), told in both languages
    assertThat(read.kind()).isEqualTo(IncidentKind.SERVICE_DISRUPTION);
    assertThat(read.summary().key()).isEqualTo("software_fault");
    assertThat(read.affectedDeviceIds()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(firmware.details().get("affected_customer_ids")).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(9);
    // ... about the customer's own boiler, not about an area or the firmware's id
    assertThat(NoticeFactory.build(read, CustomerRows.operations()).scope())
        .isEqualTo(new AffectedScope.Firmware("boiler-gb24", "1.9.2"));
    assertThat(sms(read, Locale.ENGLISH)).contains("your GB24 boiler may not work as well as it should")
        .contains("a software fault").doesNotContain("area").doesNotContain("boiler-gb24@1.9.2");
    assertThat(sms(read, RU)).contains("ваше устройство (котёл GB24) может работать хуже обычного")
        .contains("программную ошибку").doesNotContain("район").doesNotContain("boiler-gb24@1.9.2");
  }

  private static DeviceInfo boiler(int id) {
    return new DeviceInfo(id, "gb-" + id, 100L + id, "boiler-gb24", "1.0", "north", "north-" + (id % 2));
  }

  private static String sms(IncidentPayload payload, Locale language) throws Exception {
    Customer customer = new Customer("C-1", "Ada", "+447700900123", "ada@example.com", new ContactPreferences(
        List.of(Channel.SMS, Channel.EMAIL), language, ZoneId.of("Europe/London"), null, Set.of(), 3));
    IncidentNotice notice = NoticeFactory.build(payload, customer);
    MessageRenderer renderer = new MessageRenderer(catalog(), Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC),
        "Forewarn", 6);
    RenderResult result = renderer.render(new MessageRequest(notice, Transition.OPENED, Channel.SMS, language,
        customer.timeZone(), null, null));
    assertThat(result).isInstanceOf(RenderResult.Rendered.class);
    return ((RenderResult.Rendered) result).message().text();
  }
}

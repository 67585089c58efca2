package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.testing.BadPayloadCorpus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole bad-payload corpus (BadPayloadCorpus: 180 malformed and hostile messages, 178 of them on
 * topics the gateway subscribes to) published to a real gateway through a real broker, each followed
 * by a numbered good message: every bad one must land in rejected_messages with its expected reason,
 * the gateway must stay healthy, and every good one must be stored exactly once.
 */
@Timeout(180)
class BadInputIT {
  /** What the gateway subscribes to; other topics (wrong kind, extra levels) never reach it. */
  private static final Pattern SUBSCRIBED = Pattern.compile("devices/[^/+#]*/(telemetry|senml|status)");
  private static final String GOOD_DEVICE = "good-seq";

  private static GatewayFixture fx;

  @BeforeAll
  static void start() {
    fx = GatewayFixture.start("gw_bad_input_it", Map.of());
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void rejects_every_hostile_payload_with_its_reason_and_stores_every_good_one_once() throws Exception {
    // GIVEN the corpus, each case on its own topic, and a numbered good message after each one
    Instant now = Instant.now();
    Map<String, BadPayloadCorpus.Case> byTopic = new LinkedHashMap<>();
    List<BadPayloadCorpus.Case> cases = BadPayloadCorpus.cases("x", now);
    for (int i = 0; i < cases.size(); i++) {
      BadPayloadCorpus.Case c = cases.get(i);
      String topic = c.topic().startsWith("devices/x/") ? c.topic().replace("devices/x/", "devices/bad-" + i + "/")
          : c.topic();
      if (SUBSCRIBED.matcher(topic).matches()) {
        assertThat(byTopic.put(topic, c)).as("one case per topic: " + topic).isNull();
      }
    }
    assertThat(byTopic).hasSizeGreaterThanOrEqualTo(100);
    Instant goodBase = now.minusSeconds(3_600);
    int n = 0;
    try (TestPublisher pub = new TestPublisher(fx.broker.uri(), "it-pub-hostile")) {
      for (Map.Entry<String, BadPayloadCorpus.Case> e : byTopic.entrySet()) {
        pub.publish(e.getKey(), e.getValue().payload());
        pub.publish("devices/" + GOOD_DEVICE + "/telemetry", goodMessage(n, goodBase));
        n++;
      }
    }
    int good = n;
    // WHEN the gateway has processed everything
    Eventually.await(Duration.ofSeconds(90), () -> fx.db.queryLong("SELECT count(*) FROM rejected_messages"),
        c -> c >= byTopic.size());
    Eventually.await(Duration.ofSeconds(30), () -> goodRows(), c -> c >= good);

    // THEN every bad message has exactly one reject row, with its expected reason and partial flag
    Map<String, String> reasons = new HashMap<>();
    Map<String, Boolean> partial = new HashMap<>();
    try (Connection c = fx.db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT topic, reason, partial, payload_size FROM rejected_messages")) {
      while (rs.next()) {
        assertThat(reasons.put(rs.getString(1), rs.getString(2))).as("one reject per message: " + rs.getString(1))
            .isNull();
        partial.put(rs.getString(1), rs.getBoolean(3));
      }
    }
    List<String> wrong = new ArrayList<>();
    byTopic.forEach((topic, c) -> {
      if (!c.reason().code().equals(reasons.get(topic)) || partial.get(topic) != c.partial()) {
        wrong.add(c.name() + ": expected " + c.reason().code() + (c.partial() ? " (partial)" : "") + ", got "
            + reasons.get(topic) + (Boolean.TRUE.equals(partial.get(topic)) ? " (partial)" : ""));
      }
    });
    assertThat(wrong).as("cases rejected for the wrong reason, or not at all").isEmpty();
    assertThat(reasons).hasSameSizeAs(byTopic);
    // AND every good message is stored exactly once, hostile-but-ignored fields and all
    assertThat(goodRows()).isEqualTo(good);
    assertThat(goodSeqs().cardinality()).isEqualTo(good);
    assertThat(goodSeqs().nextClearBit(0)).isEqualTo(good);
    // AND only the good parts of partly bad messages were stored for the bad devices; no hostile id got in
    long partialCases = byTopic.values().stream().filter(BadPayloadCorpus.Case::partial).count();
    assertThat(fx.db.queryLong("SELECT count(*) FROM telemetry t JOIN devices d ON d.id = t.device_id"
        + " WHERE d.external_id LIKE 'bad-%'")).isEqualTo(partialCases);
    assertThat(
        fx.db.queryLong("SELECT count(*) FROM devices WHERE external_id !~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$'"))
        .isZero();
    // AND the gateway is still healthy, counts what it rejected, and the tables are all still there
    assertThat(ItSupport.get(fx.gateway.httpPort(), "/health").statusCode()).isEqualTo(200);
    assertThat(ItSupport.get(fx.gateway.httpPort(), "/metrics").body())
        .contains("forewarn_gateway_messages_rejected_total{partial=\"false\",reason=\"payload_too_large\"}")
        .contains("forewarn_gateway_messages_rejected_total{partial=\"false\",reason=\"bad_device_id\"}");
    assertThat(fx.db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename IN ('telemetry', 'devices', 'metrics')"))
        .isEqualTo(3);
  }

  @Test
  void stores_a_status_whose_reason_carries_nul_sql_and_a_lone_surrogate() throws Exception {
    // GIVEN a registered device
    try (TestPublisher pub = new TestPublisher(fx.broker.uri(), "it-pub-status")) {
      pub.publish("devices/status-hostile/telemetry", "{\"metrics\":{\"a\":1}}");
      Eventually.await(Duration.ofSeconds(30), () -> fx.db.queryLong(
          "SELECT count(*) FROM devices WHERE external_id = 'status-hostile'"), c -> c == 1);
      // WHEN its status reason holds what text columns cannot or must not take verbatim
      pub.publish("devices/status-hostile/status",
          "{\"online\":false,\"reason\":\"a\\u0000b'); DROP TABLE devices; --\\ud800\"}");
    }
    // THEN the status is stored, NUL replaced, the rest kept as text
    long rows = Eventually.await(Duration.ofSeconds(30), () -> fx.db.queryLong("SELECT count(*) FROM device_status s"
        + " JOIN devices d ON d.id = s.device_id WHERE d.external_id = 'status-hostile'"), c -> c >= 1);
    assertThat(rows).isEqualTo(1);
    assertThat(
        fx.db.queryLong("SELECT count(*) FROM device_status WHERE reason LIKE 'a?b''); DROP TABLE devices; --%'"))
        .isEqualTo(1);
    assertThat(ItSupport.get(fx.gateway.httpPort(), "/health").statusCode()).isEqualTo(200);
  }

  /** Good message {@code seq}; every third one also carries hostile fields the decoder must ignore. */
  private static String goodMessage(int seq, Instant base) {
    String extra = seq % 3 == 0 ? ",\"note\":\"'; DROP TABLE telemetry; --\\u0000\\ud800\\u202E\",\"deep\":[[[{}]]]"
        : "";
    return "{\"ts\":\"" + base.plusSeconds(seq) + "\",\"metrics\":{\"seq\":" + seq + "}" + extra + "}";
  }

  private static long goodRows() {
    return fx.db.queryLong("SELECT count(*) FROM telemetry t JOIN devices d ON d.id = t.device_id"
        + " WHERE d.external_id = '" + GOOD_DEVICE + "'");
  }

  private static BitSet goodSeqs() {
    BitSet seqs = new BitSet();
    try (Connection c = fx.db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT vals[1]::int FROM telemetry t JOIN devices d ON d.id = t.device_id WHERE d.external_id = '"
            + GOOD_DEVICE + "'")) {
      while (rs.next()) {
        seqs.set(rs.getInt(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return seqs;
  }
}

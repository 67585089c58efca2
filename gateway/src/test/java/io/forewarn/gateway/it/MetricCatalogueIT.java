package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The metric catalogue limit: new names beyond it are dropped per metric, with a reason, never silently. */
@Timeout(90)
class MetricCatalogueIT {
  private static GatewayFixture fx;

  @BeforeAll
  static void start() {
    fx = GatewayFixture.start("gw_catalogue_it", Map.of("FOREWARN_METRIC_CATALOGUE_MAX", "3"));
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void names_beyond_the_catalogue_limit_are_dropped_with_their_reason_and_known_names_still_stored() throws Exception {
    // GIVEN a catalogue that holds 3 names, and a device sending 5 new ones
    try (TestPublisher pub = new TestPublisher(fx.broker.uri(), "it-pub-catalogue")) {
      pub.publish("devices/cat-1/telemetry", "{\"metrics\":{\"c_a\":1,\"c_b\":2,\"c_c\":3,\"c_d\":4,\"c_e\":5}}");
      // WHEN it later sends only names the catalogue has no room for, and then a known one
      pub.publish("devices/cat-1/telemetry", "{\"metrics\":{\"c_f\":6,\"c_g\":7}}");
      pub.publish("devices/cat-1/telemetry", "{\"metrics\":{\"c_a\":8}}");
    }
    Eventually.await(Duration.ofSeconds(30), () -> fx.db.queryLong("SELECT count(*) FROM telemetry"), n -> n >= 2);
    Eventually.await(Duration.ofSeconds(30), () -> fx.db.queryLong("SELECT count(*) FROM rejected_messages"),
        n -> n >= 2);
    // THEN the catalogue stops at 3, the first message keeps 3 values and is marked partial, the
    // second is rejected whole, the third is stored
    assertThat(fx.db.queryLong("SELECT count(*) FROM metrics")).isEqualTo(3);
    assertThat(fx.db.queryLong("SELECT count(*) FROM telemetry")).isEqualTo(2);
    assertThat(fx.db.queryLong("SELECT sum(cardinality(vals)) FROM telemetry")).isEqualTo(4);
    assertThat(
        fx.db.queryLong("SELECT count(*) FROM rejected_messages WHERE reason = 'metric_catalogue_full' AND partial"))
        .isEqualTo(1);
    assertThat(fx.db.queryLong("SELECT count(*) FROM rejected_messages WHERE reason = 'metric_catalogue_full'"
        + " AND NOT partial")).isEqualTo(1);
  }
}

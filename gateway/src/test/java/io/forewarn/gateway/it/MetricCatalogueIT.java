package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import io.forewarn.gateway.app.Gateway;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The metric catalogue limit: new names beyond it are dropped per metric, with a reason, never silently. */
@Timeout(90)
class MetricCatalogueIT {
  private static TestDatabase db;
  private static TestMosquitto broker;
  private static Gateway gateway;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("gw_catalogue_it");
    broker = TestMosquitto.start();
    Map<String, String> env = ItSupport.env(db.jdbcUrl(), broker.uri());
    env.put("FOREWARN_METRIC_CATALOGUE_MAX", "3");
    gateway = ItSupport.start(env);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.stop().await();
    }
    broker.close();
    db.close();
  }

  @Test
  void names_beyond_the_catalogue_limit_are_dropped_with_their_reason_and_known_names_still_stored() throws Exception {
    // GIVEN a catalogue that holds 3 names, and a device sending 5 new ones
    try (TestPublisher pub = new TestPublisher(broker.uri(), "it-pub-catalogue")) {
      pub.publish("devices/cat-1/telemetry", "{\"metrics\":{\"c_a\":1,\"c_b\":2,\"c_c\":3,\"c_d\":4,\"c_e\":5}}");
      // WHEN it later sends only names the catalogue has no room for, and then a known one
      pub.publish("devices/cat-1/telemetry", "{\"metrics\":{\"c_f\":6,\"c_g\":7}}");
      pub.publish("devices/cat-1/telemetry", "{\"metrics\":{\"c_a\":8}}");
    }
    Eventually.await(Duration.ofSeconds(30), () -> db.queryLong("SELECT count(*) FROM telemetry"), n -> n >= 2);
    Eventually.await(Duration.ofSeconds(30), () -> db.queryLong("SELECT count(*) FROM rejected_messages"), n -> n >= 2);
    // THEN the catalogue stops at 3, the first message keeps 3 values and is marked partial, the
    // second is rejected whole, the third is stored
    assertThat(db.queryLong("SELECT count(*) FROM metrics")).isEqualTo(3);
    assertThat(db.queryLong("SELECT count(*) FROM telemetry")).isEqualTo(2);
    assertThat(db.queryLong("SELECT sum(cardinality(vals)) FROM telemetry")).isEqualTo(4);
    assertThat(
        db.queryLong("SELECT count(*) FROM rejected_messages WHERE reason = 'metric_catalogue_full' AND partial"))
        .isEqualTo(1);
    assertThat(db.queryLong("SELECT count(*) FROM rejected_messages WHERE reason = 'metric_catalogue_full'"
        + " AND NOT partial")).isEqualTo(1);
  }
}

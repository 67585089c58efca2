package io.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReferenceWriterTest {
  @Test
  void turns_a_load_message_into_one_copy_row() {
    // GIVEN a message as the load generator sends it
    String payload = "{\"ts\":1795428000000,\"metrics\":{\"rssi_dbm\":-67.5,\"temp_c\":21}}";
    // WHEN the script converts it
    String row = ReferenceWriter.toCopyRow("devices/bench-000042/telemetry", payload.getBytes(StandardCharsets.UTF_8));
    // THEN device id from the topic's number, metric ids by position, values as they came
    assertThat(row).isEqualTo("2026-11-23T10:00:00Z\t42\t{1,2}\t{-67.5,21.0}\t0\tf\n");
  }

  @Test
  void drops_what_it_cannot_parse_like_a_script_would() {
    assertThat(ReferenceWriter.toCopyRow("devices/bench-000001/telemetry", "{\"ts\":".getBytes(StandardCharsets.UTF_8)))
        .isNull();
  }
}

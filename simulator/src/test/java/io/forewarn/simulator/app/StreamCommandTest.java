package io.forewarn.simulator.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Option checks of live/accelerated that happen before anything connects (the runs themselves: *IT). */
class StreamCommandTest {

  @Test
  void with_a_credential_key_each_device_has_its_own_session_so_shared_connections_and_huge_fleets_are_refused() {
    // WHEN accelerated is asked for shared connections and 3 000 devices while a key file is configured
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new SimulatorMain(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("FOREWARN_MQTT_KEY_FILE", "/nonexistent/key"),
        Clock.systemUTC()).run(new String[] {"accelerated", "--connections", "4", "--devices", "3000", "--no-db"},
            new AtomicBoolean());
    // THEN it refuses both at once, before opening anything
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--connections does not apply with a credential key")
        .contains("at most 2000 devices");
  }
}

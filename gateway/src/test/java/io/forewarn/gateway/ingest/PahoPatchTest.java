package io.forewarn.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;
import org.junit.jupiter.api.Test;

/** The gateway's copy of Paho's CountingInputStream is the one loaded, and it behaves like Paho's. */
class PahoPatchTest {

  @Test
  void patchedCountingInputStreamIsTheOneOnTheClasspath() throws Exception {
    // GIVEN the class Paho's packet decoder links against
    // WHEN we look for the bulk read that Paho's own copy lacks
    var bulk = CountingInputStream.class.getDeclaredMethod("read", byte[].class, int.class, int.class);
    // THEN it is declared by our copy, not inherited from InputStream
    assertThat(bulk.getDeclaringClass()).isEqualTo(CountingInputStream.class);
    assertThat(CountingInputStream.class.getProtectionDomain().getCodeSource().getLocation().toString())
        .doesNotContain("org.eclipse.paho.mqttv5.client");
  }

  @Test
  void countsBytesReadInBulkAndOneByOne() throws Exception {
    CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(new byte[10]));
    byte[] buffer = new byte[16];
    assertThat(in.read()).isZero();
    assertThat(in.read(buffer, 0, 4)).isEqualTo(4);
    assertThat(in.getCounter()).isEqualTo(5);
    // Past the end: what is left, then end of stream, and the counter stops at the length.
    assertThat(in.read(buffer, 0, 16)).isEqualTo(5);
    assertThat(in.read(buffer, 0, 16)).isEqualTo(-1);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.getCounter()).isEqualTo(10);
    in.resetCounter();
    assertThat(in.getCounter()).isZero();
  }

  @Test
  void publishPacketsStillDecodeToTheSameMessage() throws Exception {
    // GIVEN a QoS 1 PUBLISH as it arrives on the wire
    MqttMessage original = new MqttMessage("{\"metrics\":{\"temp_c\":71.2}}".getBytes(StandardCharsets.UTF_8));
    original.setQos(1);
    MqttPublish publish = new MqttPublish("devices/dev-1/telemetry", original, new MqttProperties());
    publish.setMessageId(4711);
    byte[] header = publish.getHeader();
    byte[] payload = publish.getPayload();
    byte[] wire = new byte[header.length + payload.length];
    System.arraycopy(header, 0, wire, 0, header.length);
    System.arraycopy(payload, 0, wire, header.length, payload.length);
    // WHEN Paho decodes it through the patched stream
    MqttPublish decoded = (MqttPublish) MqttWireMessage.createWireMessage(wire);
    // THEN topic, id, QoS and payload are intact
    assertThat(decoded.getTopicName()).isEqualTo("devices/dev-1/telemetry");
    assertThat(decoded.getMessageId()).isEqualTo(4711);
    assertThat(decoded.getMessage().getQos()).isEqualTo(1);
    assertThat(new String(decoded.getMessage().getPayload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"metrics\":{\"temp_c\":71.2}}");
  }
}

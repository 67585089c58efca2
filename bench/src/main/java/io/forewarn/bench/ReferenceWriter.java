package io.forewarn.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.postgresql.PGConnection;

/**
 * The peer benchmark's "just a script" writer, run as its own JVM: Paho (MQTT 5, QoS 1, acknowledged
 * on receipt, as Paho does by default) → an in-memory queue → pgjdbc COPY into the same hypertable,
 * one transaction per batch (every 50 ms or 10 000 rows). No validation, no device registry (the
 * device id is the number in the topic), no dedupe, no retry: what a careful afternoon's script
 * gets, and what it risks (a crash loses the queue; a redelivered message fails its whole batch).
 *
 * <pre>java -cp forewarn-bench.jar io.forewarn.bench.ReferenceWriter MQTT_URI JDBC_URL CLIENT_ID</pre>
 */
public final class ReferenceWriter {
  private static final int MAX_BATCH = 10_000;
  private static final long FLUSH_MILLIS = 50;
  /** Bounded so the script fails loudly instead of swapping; large enough never to block at bench rates. */
  private static final int QUEUE = 2_000_000;
  private static final JsonFactory JSON = new JsonFactory();

  private ReferenceWriter() {}

  public static void main(String[] args) throws Exception {
    BlockingQueue<String> rows = new ArrayBlockingQueue<>(QUEUE);
    MqttAsyncClient client = new MqttAsyncClient(args[0], args[2], new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
        String row = toCopyRow(topic, message.getPayload());
        if (row != null) {
          rows.put(row);
        }
      }

      @Override
      public void disconnected(MqttDisconnectResponse r) {
        System.err.println("reference writer: disconnected " + r.getReasonString());
      }

      @Override
      public void mqttErrorOccurred(MqttException e) {
        System.err.println("reference writer: " + e);
      }

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String uri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setReceiveMaximum(1_000);
    client.connect(o).waitForCompletion(10_000);
    client.subscribe("devices/+/telemetry", 1).waitForCompletion(10_000);
    System.out.println("reference writer: subscribed");
    try (Connection c = DriverManager.getConnection(args[1])) {
      c.setAutoCommit(false);
      var copy = c.unwrap(PGConnection.class).getCopyAPI();
      List<String> batch = new ArrayList<>(MAX_BATCH);
      StringBuilder sb = new StringBuilder(MAX_BATCH * 120);
      while (true) {
        String first = rows.poll(FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        rows.drainTo(batch, MAX_BATCH - 1);
        sb.setLength(0);
        batch.forEach(sb::append);
        copy.copyIn("COPY telemetry (ts, device_id, metric_ids, vals, batch_id, receive_time) FROM STDIN",
            new StringReader(sb.toString()));
        c.commit();
        batch.clear();
      }
    }
  }

  /** {"ts": millis, "metrics": {...}} → one COPY text row; metric ids are simply 1..n in payload order. */
  static String toCopyRow(String topic, byte[] payload) {
    int slash = topic.indexOf('/', 8);
    String device = topic.substring(8, slash);
    int dash = device.lastIndexOf('-');
    int deviceId = Integer.parseInt(device.substring(dash + 1));
    long ts = 0;
    StringBuilder ids = new StringBuilder("{");
    StringBuilder vals = new StringBuilder("{");
    try (JsonParser p = JSON.createParser(payload)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("ts")) {
          ts = p.getLongValue();
        } else if (field.equals("metrics")) {
          int n = 0;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            p.nextToken();
            n++;
            ids.append(n == 1 ? "" : ",").append(n);
            vals.append(n == 1 ? "" : ",").append(p.getDoubleValue());
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      return null; // a script drops what it cannot parse
    }
    return Instant.ofEpochMilli(ts) + "\t" + deviceId + "\t" + ids + "}\t" + vals + "}\t0\tf\n";
  }
}

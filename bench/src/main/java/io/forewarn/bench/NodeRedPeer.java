package io.forewarn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Node-RED as a peer: npm {@code node-red} and {@code pg} installed into {@code bench/.peers/node-red}
 * (by the harness when missing), one flow per run: MQTT in (QoS 1, acknowledged by the node on
 * receipt) → a function node writing with node-postgres. {@code batched}: rows gathered in the node's
 * context and written as one multi-row INSERT every 50 ms or 1 000 rows; {@code single}: one INSERT per
 * message (autocommit), a pool of 4 connections. Same rows, same hypertable as every other system.
 */
final class NodeRedPeer implements PeerSystem {
  static final Path HOME = Path.of("bench/.peers/node-red");
  private static final String INSERT = "INSERT INTO telemetry (ts, device_id, metric_ids, vals, batch_id, receive_time)"
      + " VALUES ";

  private final boolean batched;
  private Process process;

  NodeRedPeer(boolean batched) {
    this.batched = batched;
  }

  @Override
  public String name() {
    return batched ? "Node-RED, batched INSERT" : "Node-RED, INSERT per message";
  }

  @Override
  public String acknowledges() {
    return "on receipt, before the write (MQTT-in node); backlog in memory, unbounded";
  }

  @Override
  public void start(String mqttUri, String jdbcUrl, Path work) throws IOException, InterruptedException {
    install();
    Path dir = HOME.toAbsolutePath();
    String flows = "flows-" + (batched ? "batched" : "single") + ".json";
    Files.writeString(dir.resolve(flows), flowJson(mqttUri), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("settings.js"), """
        module.exports = {
          uiHost: '127.0.0.1', uiPort: 0, httpAdminRoot: false, httpNodeRoot: false, disableEditor: true,
          credentialSecret: false, logging: { console: { level: 'info' } },
          functionGlobalContext: { pg: require('pg') }, editorTheme: { projects: { enabled: false } }
        };
        """, StandardCharsets.UTF_8);
    Path log = work.resolve("node-red-" + (batched ? "batched" : "single") + ".log");
    ProcessBuilder pb = new ProcessBuilder("node", "node_modules/node-red/red.js", "--userDir", dir.toString(),
        "--settings", dir.resolve("settings.js").toString(), flows).directory(dir.toFile());
    pb.environment().put("PG_URL", pgUrl(jdbcUrl));
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    process = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.readString(log).contains("Connected to broker")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("Node-RED did not connect; see " + log);
      }
      Thread.sleep(200);
    }
    Thread.sleep(500); // the subscription follows the connection
  }

  @Override
  public List<Long> pids() {
    return List.of(process.pid());
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
    }
  }

  /** npm install into the bench-local directory, once. */
  static void install() throws IOException, InterruptedException {
    if (Files.exists(HOME.resolve("node_modules/node-red/red.js")) && Files.exists(HOME.resolve("node_modules/pg"))) {
      return;
    }
    Files.createDirectories(HOME);
    if (!Files.exists(HOME.resolve("package.json"))) {
      Files.writeString(HOME.resolve("package.json"), "{\"name\":\"forewarn-bench-node-red\",\"private\":true}\n");
    }
    Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "node-red@4",
        "pg@8")
        .directory(HOME.toFile()).inheritIO().start();
    if (npm.waitFor() != 0) {
      throw new IllegalStateException("npm install node-red pg failed in " + HOME);
    }
  }

  private static String pgUrl(String jdbcUrl) {
    String rest = jdbcUrl.substring("jdbc:postgresql://".length());
    String hostDb = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
    return "postgresql://postgres@" + hostDb;
  }

  private String flowJson(String mqttUri) {
    String hostPort = mqttUri.substring("tcp://".length());
    String host = hostPort.substring(0, hostPort.indexOf(':'));
    String port = hostPort.substring(hostPort.indexOf(':') + 1);
    String func = batched ? BATCHED : SINGLE;
    return """
        [
          {"id": "broker", "type": "mqtt-broker", "name": "bench", "broker": "%s", "port": "%s",
           "clientid": "node-red-bench", "autoConnect": true, "usetls": false, "protocolVersion": "4",
           "keepalive": "60", "cleansession": true},
          {"id": "tab", "type": "tab", "label": "bench"},
          {"id": "in", "type": "mqtt in", "z": "tab", "name": "telemetry", "topic": "devices/+/telemetry",
           "qos": "1", "datatype": "utf8", "broker": "broker", "nl": false, "rap": false, "inputs": 0,
           "x": 100, "y": 100, "wires": [["write"]]},
          {"id": "write", "type": "function", "z": "tab", "name": "write", "outputs": 1, "func": %s,
           "initialize": "", "finalize": "", "libs": [], "x": 300, "y": 100, "wires": [[]]}
        ]
        """.formatted(host, port, jsonString(func));
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** Shared by both flows: topic and payload to the four row values. */
  private static final String ROW = """
      const device = parseInt(msg.topic.split('/')[1].split('-').pop(), 10);
      const p = JSON.parse(msg.payload);
      const names = Object.keys(p.metrics);
      const row = [new Date(p.ts).toISOString(), device, '{' + names.map((_, i) => i + 1).join(',') + '}',
          '{' + names.map(n => p.metrics[n]).join(',') + '}'];
      let pool = context.get('pool');
      if (!pool) {
        pool = new (global.get('pg').Pool)({ connectionString: env.get('PG_URL'), max: 4 });
        context.set('pool', pool);
      }
      """;

  private static final String BATCHED = ROW + """
      const buf = context.get('buf') || [];
      buf.push(row);
      context.set('buf', buf);
      const flush = () => {
        const rows = context.get('buf') || [];
        context.set('buf', []);
        context.set('timer', null);
        if (rows.length === 0) return;
        const params = [];
        const values = rows.map((r, i) => {
          params.push(r[0], r[1], r[2], r[3]);
          return '($' + (4 * i + 1) + ',$' + (4 * i + 2) + ',$' + (4 * i + 3) + ',$' + (4 * i + 4) + ',0,false)';
        });
        pool.query('%s' + values.join(','), params).catch(e => node.error(e.message));
      };
      if (buf.length >= 1000) {
        clearTimeout(context.get('timer'));
        flush();
      } else if (!context.get('timer')) {
        context.set('timer', setTimeout(flush, 50));
      }
      return null;
      """.formatted(INSERT);

  private static final String SINGLE = ROW + """
      pool.query('%s($1,$2,$3,$4,0,false)', row).catch(e => node.error(e.message));
      return null;
      """.formatted(INSERT);
}

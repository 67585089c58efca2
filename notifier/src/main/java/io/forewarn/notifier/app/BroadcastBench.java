package io.forewarn.notifier.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.common.db.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code broadcast-bench --customers 100000 --rate 500 --seconds 20}: in a throw-away database,
 * one service disruption covering every customer; measures planning + queueing (outbox row to
 * committed deliveries) and then delivery to a local fake Twilio at the configured rate. The
 * database is dropped afterwards.
 */
final class BroadcastBench {
  private final PrintStream out;
  private final PrintStream err;

  BroadcastBench(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args, Map<String, String> env) {
    Map<String, String> o = new HashMap<>(
        Map.of("--customers", "100000", "--rate", "500", "--seconds", "20", "--senders", "8",
            "--admin-url",
            env.getOrDefault("FOREWARN_BENCH_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")));
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!o.containsKey(args[i])) {
        err.println("unknown option " + args[i]
            + "; options: --customers N --rate PER_SECOND --seconds S --senders N --admin-url JDBC");
        return 2;
      }
      o.put(args[i], args[i + 1]);
    }
    int customers = Integer.parseInt(o.get("--customers"));
    int rate = Integer.parseInt(o.get("--rate"));
    int seconds = Integer.parseInt(o.get("--seconds"));
    int senders = Integer.parseInt(o.get("--senders"));
    String admin = o.get("--admin-url");
    String name = "forewarn_bench_" + UUID.randomUUID().toString().substring(0, 8);
    String url = admin.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1")
        + (admin.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    try {
      exec(admin, "CREATE DATABASE " + name);
      try {
        return measure(url, customers, rate, seconds, senders);
      } finally {
        exec(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        out.println("dropped " + name);
      }
    } catch (Exception e) {
      err.println("broadcast-bench failed: " + e);
      return 1;
    }
  }

  private int measure(String url, int customers, int rate, int seconds, int senders) throws Exception {
    exec(url, "CREATE EXTENSION IF NOT EXISTS timescaledb");
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    // Each sender holds a connection while it claims and while it writes outcomes, plus the planner.
    hc.setMaximumPoolSize(senders + 2);
    try (HikariDataSource ds = new HikariDataSource(hc)) {
      Database.migrate(ds);
      seed(ds, customers);
      Vertx vertx = Vertx.vertx();
      AtomicLong received = new AtomicLong();
      HttpServer fake = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
          .requestHandler(req -> req.body().onComplete(b -> {
            long n = received.incrementAndGet();
            req.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .end("{\"sid\":\"SM" + String.format(Locale.ROOT, "%032d", n) + "\",\"status\":\"queued\"}");
          })).listen(0).await();
      Map<String, String> env = new HashMap<>();
      env.put("FOREWARN_NOTIFIER_TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32));
      env.put("FOREWARN_NOTIFIER_TWILIO_AUTH_TOKEN", "bench");
      env.put("FOREWARN_NOTIFIER_TWILIO_FROM", "+15005550006");
      env.put("FOREWARN_NOTIFIER_TWILIO_BASE_URL", "http://127.0.0.1:" + fake.actualPort());
      env.put("FOREWARN_NOTIFIER_TWILIO_RATE_PER_MINUTE", Integer.toString(rate * 60));
      env.put("FOREWARN_NOTIFIER_TWILIO_BURST", Integer.toString(Math.max(1, rate / 5)));
      env.put("FOREWARN_NOTIFIER_POLL_INTERVAL", "50ms");
      env.put("FOREWARN_NOTIFIER_DELIVERY_BATCH", Integer.toString(Math.max(1, rate / 5)));
      env.put("FOREWARN_NOTIFIER_SENDERS", Integer.toString(senders));
      NotifierConfig config = NotifierConfig.fromEnv(env);
      try {
        return broadcast(url, ds, vertx, config, received, customers, rate, seconds);
      } finally {
        vertx.close().await();
      }
    }
  }

  private int broadcast(String url, HikariDataSource ds, Vertx vertx, NotifierConfig config, AtomicLong received,
      int customers, int rate, int seconds) throws Exception {
    {
      long t0 = System.nanoTime();
      exec(url, "INSERT INTO outbox (incident_id, transition, payload) SELECT id, 'opened', jsonb_build_object("
          + "'transition', 'opened', 'incident', to_jsonb(i), 'affected_device_ids',"
          + " (SELECT jsonb_agg(id) FROM devices)) FROM incidents i");
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new NotifierService(vertx, config, ds, Clock.systemUTC(), registry, false).start().await();
      long planned = waitFor(url, "SELECT count(*) FROM outbox WHERE processed_at IS NULL", 0, 300);
      double planSeconds = (System.nanoTime() - t0) / 1e9;
      long queued = count(url, "SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'scheduled'");
      double unusedAtStart = unused(registry);
      long atStart = received.get();
      long d0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long sent = received.get() - atStart;
      double deliverSeconds = (System.nanoTime() - d0) / 1e9;
      double unused = unused(registry) - unusedAtStart;
      long recorded = count(url, "SELECT count(*) FROM deliveries WHERE status = 'sent'");
      out.printf(Locale.ROOT, "load average (1/5/15 min) at the end: %s%n", loadAverage());
      out.printf(Locale.ROOT, "rate left unused while the queue was full: %.0f tokens = %.0f/s"
          + " (0 = the token bucket set the pace; more = the notifier fell behind it)%n", unused,
          unused / deliverSeconds);
      out.printf(Locale.ROOT, "customers: %d%nplanning + queueing: %.1f s (%d SMS queued; outbox rows left %d)%n"
          + "delivery: %d SMS reached the fake Twilio in %.1f s = %.0f/s (configured %d/s); %d recorded 'sent'%n",
          customers, planSeconds, queued, planned, sent, deliverSeconds, sent / deliverSeconds, rate, recorded);
      return 0;
    }
  }

  private static void seed(HikariDataSource ds, int customers) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO customers (external_id, name, phone, language, time_zone) SELECT 'bench-' || g,"
          + " 'Customer ' || g, '+4477' || lpad(g::text, 8, '0'), CASE WHEN g % 3 = 0 THEN 'ru' ELSE 'en' END, 'UTC'"
          + " FROM generate_series(1, " + customers + ") g");
      s.execute("INSERT INTO customer_contact_preferences (customer_id, quiet_start, quiet_end)"
          + " SELECT id, NULL, NULL FROM customers");
      s.execute("INSERT INTO devices (external_id, customer_id, model, region) SELECT 'dev-' || id, id,"
          + " 'SafeHome Hub 2', 'north' FROM customers");
      s.execute("INSERT INTO incidents (fingerprint, kind, rule_id, scope_type, scope_value, state, severity, summary,"
          + " summary_key, opened_at, updated_at) VALUES ('region:north/disruption', 'service_disruption',"
          + " 'disruption', 'region', 'north', 'firing', 'high', 'network outage', 'network_outage', now(), now())");
    }
  }

  private static double unused(SimpleMeterRegistry registry) {
    var counter = registry.find(io.forewarn.notifier.metrics.NotifierMetrics.RATE_UNUSED).tag("channel", "sms")
        .functionCounter();
    return counter == null ? 0 : counter.count();
  }

  /** The machine's load average, so a figure can be read against how busy the machine was. */
  private static String loadAverage() {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static long waitFor(String url, String sql, long target, int timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    long value;
    while ((value = count(url, sql)) != target && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return value;
  }

  private static long count(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void exec(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}

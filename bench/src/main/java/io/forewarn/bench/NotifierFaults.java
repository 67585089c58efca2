package io.forewarn.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.common.db.Database;
import io.forewarn.common.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notifier during a broadcast: one service disruption over every customer of a seeded fleet,
 * one SMS each, delivered by the real notifier jar (its own JVM) to {@link FakeTwilio}. Two faults:
 * the notifier killed (SIGKILL) mid-broadcast and restarted, and the provider answering 429, then
 * 500, then too slowly (after recording the message) for a while. Either way every customer must get
 * exactly one SMS at the fake, and every delivery row must end 'sent' (none 'unknown' or 'failed').
 */
final class NotifierFaults {
  /** The notifier's Twilio timeout; the fake's slow replies outlast it. */
  private static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(3);
  /** Rows left 'sending' by a crash or timeout are reconciled after this (must exceed the timeout). */
  private static final Duration SENDING_LEASE = Duration.ofSeconds(8);
  private static final Duration FINISH = Duration.ofMinutes(3);

  private final Path jar;
  private final Path logs;
  private final int customers;
  private final int rate;
  private final Duration faultFor;

  NotifierFaults(Path jar, Path logs, boolean isShort) {
    this.jar = jar;
    this.logs = logs;
    this.customers = isShort ? 600 : 5_000;
    this.rate = isShort ? 50 : 200;
    this.faultFor = Duration.ofSeconds(isShort ? 2 : 10);
  }

  String killFault() {
    return "broadcast of " + customers + " SMS at " + rate + "/s; kill -9 at 40 %, restart after 1 s";
  }

  String providerFault() {
    return "fake Twilio answers 429 (Retry-After 1), then 500, then slower than the " + PROVIDER_TIMEOUT.toSeconds()
        + " s timeout after accepting, " + faultFor.toSeconds() + " s each, from 20 % of the broadcast";
  }

  ReliabilitySuite.Outcome killedMidBroadcast() throws Exception {
    return broadcast("notifier killed mid-broadcast", killFault(), (notifier, twilio) -> {
      awaitReceived(twilio, customers * 4 / 10);
      notifier.kill();
      Thread.sleep(1_000);
      return null; // restart
    });
  }

  ReliabilitySuite.Outcome providerFailing() throws Exception {
    return broadcast("SMS provider 429 / 500 / timeouts", providerFault(), (notifier, twilio) -> {
      awaitReceived(twilio, customers / 5);
      for (FakeTwilio.Mode m : List.of(FakeTwilio.Mode.RATE_LIMITED, FakeTwilio.Mode.SERVER_ERROR,
          FakeTwilio.Mode.SLOW_AFTER_ACCEPT)) {
        twilio.mode(m);
        Thread.sleep(faultFor.toMillis());
      }
      twilio.mode(FakeTwilio.Mode.OK);
      return notifier; // keeps running
    });
  }

  private interface Fault {
    /** Returns the notifier to carry on with, or {@code null} when it was killed and must be restarted. */
    ServiceProcess inject(ServiceProcess notifier, FakeTwilio twilio) throws Exception;
  }

  private ReliabilitySuite.Outcome broadcast(String name, String fault, Fault injection) throws Exception {
    try (TestDatabase db = TestDatabase.create("relnotify");
        FakeTwilio twilio = new FakeTwilio(PROVIDER_TIMEOUT.toMillis() * 2)) {
      seed(db);
      Map<String, String> env = env(db, twilio);
      ServiceProcess notifier = start(env, db.name());
      Instant faultOver;
      try {
        ServiceProcess carryOn = injection.inject(notifier, twilio);
        faultOver = Instant.now();
        if (carryOn == null) {
          notifier = start(env, db.name());
        }
        awaitDone(db, twilio);
      } finally {
        notifier.close();
      }
      double recovery = Duration.between(faultOver, Instant.now()).toMillis() / 1000.0;
      List<FakeTwilio.Message> received = twilio.messages();
      Set<String> recipients = new HashSet<>();
      received.forEach(m -> recipients.add(m.to()));
      long expected = db.queryLong("SELECT count(*) FROM customers");
      long notSent = db.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status <> 'sent'");
      String statuses = text(db, "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n"
          + " FROM deliveries WHERE channel = 'sms' GROUP BY status) s");
      String note = "at the fake: " + received.size() + " SMS to " + recipients.size() + " numbers; SMS delivery rows: "
          + statuses + "; fake answered 429×" + twilio.answered(FakeTwilio.Mode.RATE_LIMITED) + ", 500×"
          + twilio.answered(FakeTwilio.Mode.SERVER_ERROR) + ", slow×"
          + twilio.answered(FakeTwilio.Mode.SLOW_AFTER_ACCEPT);
      return new ReliabilitySuite.Outcome(name, fault, (int) expected, expected, received.size(), recipients.size(),
          expected - recipients.size(), notSent, recovery, note);
    }
  }

  private Map<String, String> env(TestDatabase db, FakeTwilio twilio) {
    Map<String, String> env = new HashMap<>();
    env.put("FOREWARN_DB_URL", db.jdbcUrl());
    env.put("FOREWARN_LOG_LEVEL", "WARN");
    env.put("FOREWARN_NOTIFIER_TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32));
    env.put("FOREWARN_NOTIFIER_TWILIO_AUTH_TOKEN", "reliability");
    env.put("FOREWARN_NOTIFIER_TWILIO_FROM", "+15005550006");
    env.put("FOREWARN_NOTIFIER_TWILIO_BASE_URL", twilio.baseUrl());
    env.put("FOREWARN_NOTIFIER_TWILIO_RATE_PER_MINUTE", Integer.toString(rate * 60));
    env.put("FOREWARN_NOTIFIER_TWILIO_BURST", Integer.toString(Math.max(1, rate / 5)));
    env.put("FOREWARN_NOTIFIER_TWILIO_TIMEOUT", PROVIDER_TIMEOUT.toMillis() + "ms");
    env.put("FOREWARN_NOTIFIER_SENDING_LEASE", SENDING_LEASE.toSeconds() + "s");
    env.put("FOREWARN_NOTIFIER_RETRY_BASE", "200ms");
    env.put("FOREWARN_NOTIFIER_RETRY_MAX", "2s");
    env.put("FOREWARN_NOTIFIER_MAX_ATTEMPTS", "50");
    env.put("FOREWARN_NOTIFIER_POLL_INTERVAL", "100ms");
    return env;
  }

  private ServiceProcess start(Map<String, String> env, String dbName) throws Exception {
    ServiceProcess p = new ServiceProcess(jar, env, "FOREWARN_NOTIFIER_HTTP_PORT", 19_400,
        logs.resolve(dbName + "-notifier.log"));
    p.awaitHealthy(Duration.ofSeconds(60));
    return p;
  }

  /** The notifier's own broadcast-benchmark fleet: customers with phones, one device each, one disruption. */
  private void seed(TestDatabase db) throws Exception {
    try (HikariDataSource ds = Database.pool(db.jdbcUrl(), 2, "reliability-seed")) {
      Database.migrate(ds);
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("INSERT INTO customers (external_id, name, phone, language, time_zone) SELECT 'rel-' || g,"
            + " 'Customer ' || g, '+4477' || lpad(g::text, 8, '0'), 'en', 'UTC' FROM generate_series(1, "
            + customers + ") g");
        s.execute("INSERT INTO customer_contact_preferences (customer_id, quiet_start, quiet_end)"
            + " SELECT id, NULL, NULL FROM customers");
        s.execute("INSERT INTO devices (external_id, customer_id, model, region) SELECT 'rel-dev-' || id, id,"
            + " 'SafeHome Hub 2', 'north' FROM customers");
        s.execute("INSERT INTO incidents (fingerprint, kind, rule_id, scope_type, scope_value, state, severity,"
            + " summary, summary_key, opened_at, updated_at) VALUES ('region:north/disruption', 'service_disruption',"
            + " 'disruption', 'region', 'north', 'firing', 'high', 'network outage', 'network_outage', now(), now())");
        s.execute("INSERT INTO outbox (incident_id, transition, payload) SELECT id, 'opened', jsonb_build_object("
            + "'transition', 'opened', 'incident', to_jsonb(i), 'affected_device_ids',"
            + " (SELECT jsonb_agg(id) FROM devices)) FROM incidents i");
      }
    }
  }

  private static String text(TestDatabase db, String sql) throws java.sql.SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private void awaitReceived(FakeTwilio twilio, int n) throws InterruptedException {
    long deadline = System.nanoTime() + FINISH.toNanos();
    while (twilio.messages().size() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** Every customer's SMS settled: sent, or given up on (which the outcome then counts). */
  private void awaitDone(TestDatabase db, FakeTwilio twilio) throws InterruptedException {
    long deadline = System.nanoTime() + FINISH.toNanos();
    while (System.nanoTime() < deadline) {
      long open = db.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms'"
          + " AND status IN ('scheduled', 'sending')");
      long planned = db.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms'");
      if (planned >= customers && open == 0) {
        return;
      }
      Thread.sleep(200);
    }
  }
}

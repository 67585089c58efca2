package io.forewarn.gateway.app;

import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.common.credentials.CredentialKey;
import io.forewarn.common.credentials.ServiceAccount;
import io.forewarn.common.db.Database;
import io.forewarn.gateway.credentials.BrokerCredentials;
import io.forewarn.gateway.credentials.CredentialFiles;
import io.forewarn.gateway.credentials.RegisteredDevices;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code forewarn-gateway mqtt-credentials}: provisions broker credentials the way an operator does
 * after registering devices. Writes a Mosquitto password file for every registered device and the
 * chosen service accounts, plus the ACL, from one credential key (docs/operations.md#device-credentials):
 * <pre>
 *   mqtt-credentials --key-file FILE [--new-key] --out DIR [--accounts gateway,healthcheck,load]
 *   mqtt-credentials --key-file FILE --password-of NAME     (prints one account's or device's password)
 * </pre>
 * The key file defaults to {@code FOREWARN_MQTT_KEY_FILE}; devices come from {@code FOREWARN_DB_URL}.
 * Exit codes: 0 done, 1 failed, 2 bad arguments.
 */
public final class CredentialsCommand {
  private static final Set<String> OPTIONS = Set.of("key-file", "out", "accounts", "password-of");
  private static final Set<String> FLAGS = Set.of("new-key");

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  public CredentialsCommand(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
  }

  public int run(List<String> args) {
    Map<String, String> values = new HashMap<>();
    List<String> problems = new ArrayList<>();
    parse(args, values, problems);
    String keyFile = values.getOrDefault("key-file", env.get("FOREWARN_MQTT_KEY_FILE"));
    if (keyFile == null || keyFile.isBlank()) {
      problems.add("--key-file (or FOREWARN_MQTT_KEY_FILE) is required");
    }
    if (values.containsKey("out") == values.containsKey("password-of")) {
      problems.add("give either --out DIR or --password-of NAME");
    }
    Set<ServiceAccount> accounts = accounts(values.getOrDefault("accounts", ServiceAccount.GATEWAY.username()),
        problems);
    if (!problems.isEmpty()) {
      err.println("mqtt-credentials: " + String.join("; ", problems));
      return 2;
    }
    try {
      CredentialKey key = key(Path.of(keyFile), values.containsKey("new-key"));
      if (values.containsKey("password-of")) {
        out.println(passwordOf(key, values.get("password-of")));
        return 0;
      }
      return provision(key, Path.of(values.get("out")), accounts);
    } catch (IOException | SQLException | IllegalArgumentException e) {
      err.println("mqtt-credentials: " + describe(e));
      return 1;
    }
  }

  private int provision(CredentialKey key, Path dir, Set<ServiceAccount> accounts) throws IOException, SQLException {
    String dbUrl = env.getOrDefault("FOREWARN_DB_URL", GatewayConfig.DEFAULT_DB_URL);
    List<String> ids;
    try (HikariDataSource pool = Database.pool(dbUrl, 1, "forewarn-credentials")) {
      ids = RegisteredDevices.externalIds(pool);
    }
    BrokerCredentials credentials = BrokerCredentials.forFleet(ids, accounts, key, new SecureRandom());
    CredentialFiles.write(dir, credentials);
    out.printf("wrote credentials for %d devices and the accounts [%s] to %s, and the ACL to %s%n",
        credentials.devices(), String.join(",", accounts.stream().map(ServiceAccount::username).toList()),
        dir.resolve(CredentialFiles.PASSWORDS), dir.resolve(CredentialFiles.ACL));
    for (BrokerCredentials.Skipped s : credentials.skipped()) {
      out.printf("skipped device '%s': %s%n", s.deviceId(), s.reason());
    }
    out.println("a running Mosquitto reads both files again on SIGHUP (kill -HUP <pid>)");
    return 0;
  }

  private static String passwordOf(CredentialKey key, String name) {
    ServiceAccount account = ServiceAccount.byUsername(name);
    return account != null ? key.servicePassword(account) : key.devicePassword(name);
  }

  private CredentialKey key(Path file, boolean createIfMissing) throws IOException {
    if (createIfMissing && !Files.exists(file)) {
      CredentialKey key = CredentialKey.generate(new SecureRandom());
      key.writeNew(file);
      out.println("created a new credential key in " + file + " (keep it secret; every MQTT password derives from it)");
      return key;
    }
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("key file " + file + " does not exist (--new-key creates one)");
    }
    if (CredentialKey.readableByOthers(file)) {
      err.println("mqtt-credentials: warning: other users may read " + file + "; chmod 600 it");
    }
    return CredentialKey.read(file);
  }

  private static Set<ServiceAccount> accounts(String list, List<String> problems) {
    Set<ServiceAccount> accounts = EnumSet.noneOf(ServiceAccount.class);
    for (String name : list.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      ServiceAccount account = ServiceAccount.byUsername(name.trim());
      if (account == null) {
        problems.add("--accounts: unknown account '" + name.trim() + "' (gateway, load, healthcheck)");
      } else {
        accounts.add(account);
      }
    }
    return accounts;
  }

  private static void parse(List<String> args, Map<String, String> values, List<String> problems) {
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i).startsWith("--") ? args.get(i).substring(2) : null;
      if (name != null && FLAGS.contains(name)) {
        values.put(name, "true");
      } else if (name != null && OPTIONS.contains(name) && i + 1 < args.size()) {
        values.put(name, args.get(++i));
      } else {
        problems.add(name != null && OPTIONS.contains(name) ? "--" + name + " needs a value"
            : "unexpected argument '" + args.get(i) + "'");
      }
    }
  }

  private static String describe(Exception e) {
    if (e instanceof SQLException sql && "42P01".equals(sql.getSQLState())) {
      return "the database has no device registry yet: run `forewarn migrate` and register devices first";
    }
    return e.getMessage();
  }
}

package io.forewarn.simulator.db;

import io.forewarn.simulator.fleet.Customer;
import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.MetricSpec;
import io.forewarn.simulator.fleet.ProductModel;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a fleet's customers, devices and metric names. Upserts keyed on external ids and metric
 * names, so running again with the same seed updates rows instead of duplicating them. Each table
 * takes one statement with array parameters, which keeps 100 000 devices to a few seconds.
 */
public final class FleetRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(FleetRegistry.class);

  private static final String UPSERT_CUSTOMERS = """
      INSERT INTO customers (external_id, name, phone, email, language, time_zone)
      SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
      ON CONFLICT (external_id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone,
        email = EXCLUDED.email, language = EXCLUDED.language, time_zone = EXCLUDED.time_zone
      RETURNING id, external_id""";
  // An operator's own registration of the same id wins over the simulator's.
  private static final String UPSERT_DEVICES = """
      INSERT INTO devices (external_id, customer_id, model, firmware, region, site, installed_at, registered_by)
      SELECT e, c, m, f, r, s, i, 'simulator'
        FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[]) AS t(e, c, m, f, r, s, i)
      ON CONFLICT (external_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, model = EXCLUDED.model,
        firmware = EXCLUDED.firmware, region = EXCLUDED.region, site = EXCLUDED.site,
        installed_at = EXCLUDED.installed_at,
        registered_by = CASE WHEN devices.registered_by = 'operator' THEN 'operator' ELSE 'simulator' END
      RETURNING id, external_id""";
  private static final String UPSERT_METRIC = """
      INSERT INTO metrics (name, unit, description) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET unit = COALESCE(metrics.unit, EXCLUDED.unit),
        description = COALESCE(metrics.description, EXCLUDED.description)
      RETURNING id""";

  private final DataSource dataSource;

  public FleetRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public RegisteredFleet register(Fleet fleet) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Map<String, Long> customerIds = upsertCustomers(c, fleet.customers());
      int[] deviceIds = upsertDevices(c, fleet.devices(), customerIds);
      Map<ProductModel, short[]> metricIds = upsertMetrics(c);
      c.commit();
      LOG.info("registered {} customers and {} devices", customerIds.size(), deviceIds.length);
      return new RegisteredFleet(deviceIds, metricIds);
    }
  }

  private static Map<String, Long> upsertCustomers(Connection c, List<Customer> customers) throws SQLException {
    int n = customers.size();
    String[][] cols = new String[6][n];
    for (int i = 0; i < n; i++) {
      Customer cu = customers.get(i);
      cols[0][i] = cu.externalId();
      cols[1][i] = cu.name();
      cols[2][i] = cu.phone();
      cols[3][i] = cu.email();
      cols[4][i] = cu.language();
      cols[5][i] = cu.timeZone();
    }
    Map<String, Long> ids = new HashMap<>(n * 2);
    try (PreparedStatement ps = c.prepareStatement(UPSERT_CUSTOMERS)) {
      for (int col = 0; col < cols.length; col++) {
        ps.setArray(col + 1, c.createArrayOf("text", cols[col]));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getString(2), rs.getLong(1));
        }
      }
    }
    return ids;
  }

  private static int[] upsertDevices(Connection c, List<Device> devices, Map<String, Long> customerIds)
      throws SQLException {
    int n = devices.size();
    String[][] text = new String[5][n];
    Long[] customers = new Long[n];
    Date[] installed = new Date[n];
    for (int i = 0; i < n; i++) {
      Device d = devices.get(i);
      text[0][i] = d.externalId();
      text[1][i] = d.model().modelName();
      text[2][i] = d.firmware();
      text[3][i] = d.region().name();
      text[4][i] = d.site();
      customers[i] = customerIds.get(d.customerExternalId());
      installed[i] = Date.valueOf(d.installedAt());
    }
    Map<String, Integer> ids = new HashMap<>(n * 2);
    try (PreparedStatement ps = c.prepareStatement(UPSERT_DEVICES)) {
      ps.setArray(1, c.createArrayOf("text", text[0]));
      ps.setArray(2, c.createArrayOf("bigint", customers));
      for (int col = 1; col < 5; col++) {
        ps.setArray(col + 2, c.createArrayOf("text", text[col]));
      }
      Array dates = c.createArrayOf("date", installed);
      ps.setArray(7, dates);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getString(2), rs.getInt(1));
        }
      }
    }
    int[] byIndex = new int[n];
    for (int i = 0; i < n; i++) {
      byIndex[i] = ids.get(devices.get(i).externalId());
    }
    return byIndex;
  }

  private static Map<ProductModel, short[]> upsertMetrics(Connection c) throws SQLException {
    Map<ProductModel, short[]> result = new EnumMap<>(ProductModel.class);
    try (PreparedStatement ps = c.prepareStatement(UPSERT_METRIC)) {
      for (ProductModel model : ProductModel.values()) {
        List<MetricSpec> metrics = model.metrics();
        short[] ids = new short[metrics.size()];
        for (int i = 0; i < ids.length; i++) {
          ps.setString(1, metrics.get(i).name());
          ps.setString(2, metrics.get(i).unit());
          ps.setString(3, metrics.get(i).description());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            ids[i] = rs.getShort(1);
          }
        }
        result.put(model, ids);
      }
    }
    return result;
  }
}

package io.forewarn.gateway.credentials;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The device registry's ids: every row of {@code devices}, whoever registered it. */
public final class RegisteredDevices {
  private RegisteredDevices() {}

  public static List<String> externalIds(DataSource dataSource) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT external_id FROM devices ORDER BY external_id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}

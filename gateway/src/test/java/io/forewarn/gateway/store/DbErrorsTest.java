package io.forewarn.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DbErrorsTest {
  @Test
  void connection_failures_and_overload_are_transient() {
    assertThat(DbErrors.classify(new SQLException("gone", "08006"))).isEqualTo(DbErrors.Kind.TRANSIENT);
    assertThat(DbErrors.classify(new SQLException("shutdown", "57P01"))).isEqualTo(DbErrors.Kind.TRANSIENT);
    assertThat(DbErrors.classify(new SQLException("too many", "53300"))).isEqualTo(DbErrors.Kind.TRANSIENT);
    assertThat(DbErrors.classify(new SQLException("deadlock", "40P01"))).isEqualTo(DbErrors.Kind.TRANSIENT);
    assertThat(DbErrors.classify(new SQLTransientConnectionException("pool timeout")))
        .isEqualTo(DbErrors.Kind.TRANSIENT);
    assertThat(DbErrors.classify(new IOException("reset"))).isEqualTo(DbErrors.Kind.TRANSIENT);
  }

  @Test
  void refused_values_are_data_errors() {
    assertThat(DbErrors.classify(new SQLException("bad", "22P02"))).isEqualTo(DbErrors.Kind.DATA);
    assertThat(DbErrors.classify(new SQLException("check", "23514"))).isEqualTo(DbErrors.Kind.DATA);
  }

  @Test
  void auth_and_missing_objects_are_setup_problems_found_in_the_cause_chain() {
    assertThat(DbErrors.classify(new RuntimeException(new SQLException("auth", "28P01"))))
        .isEqualTo(DbErrors.Kind.SETUP);
    assertThat(DbErrors.classify(new SQLException("no table", "42P01"))).isEqualTo(DbErrors.Kind.SETUP);
    assertThat(DbErrors.classify(new SQLException("no db", "3D000"))).isEqualTo(DbErrors.Kind.SETUP);
  }
}

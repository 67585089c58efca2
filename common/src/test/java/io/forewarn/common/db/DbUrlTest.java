package io.forewarn.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DbUrlTest {
  @Test
  void converts_libpq_style_urls_to_jdbc() {
    assertThat(DbUrl.toJdbc("postgresql://forewarn:p%40ss@db.local:5433/forewarn?sslmode=require"))
        .isEqualTo("jdbc:postgresql://db.local:5433/forewarn?sslmode=require&user=forewarn&password=p%40ss");
    assertThat(DbUrl.toJdbc("postgresql://forewarn@127.0.0.1/forewarn"))
        .isEqualTo("jdbc:postgresql://127.0.0.1/forewarn?user=forewarn");
  }

  @Test
  void passes_jdbc_urls_through() {
    assertThat(DbUrl.toJdbc("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
  }

  @Test
  void rejects_other_schemes_with_a_clear_message() {
    assertThatThrownBy(() -> DbUrl.toJdbc("mysql://h/db")).hasMessageContaining("postgresql://");
  }
}

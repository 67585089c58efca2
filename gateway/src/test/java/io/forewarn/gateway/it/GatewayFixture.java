package io.forewarn.gateway.it;

import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import io.forewarn.gateway.app.Gateway;
import java.util.Map;

/** One test class's own database and broker with a ready gateway on them; closing stops all three. */
final class GatewayFixture implements AutoCloseable {
  final TestDatabase db;
  final TestMosquitto broker;
  final Gateway gateway;

  private GatewayFixture(TestDatabase db, TestMosquitto broker, Gateway gateway) {
    this.db = db;
    this.broker = broker;
    this.gateway = gateway;
  }

  /** @param settings gateway settings on top of {@link ItSupport#env} */
  static GatewayFixture start(String databasePrefix, Map<String, String> settings) {
    TestDatabase db = TestDatabase.create(databasePrefix);
    TestMosquitto broker = TestMosquitto.start();
    try {
      Map<String, String> env = ItSupport.env(db.jdbcUrl(), broker.uri());
      env.putAll(settings);
      return new GatewayFixture(db, broker, ItSupport.start(env));
    } catch (RuntimeException e) {
      broker.close();
      db.close();
      throw e;
    }
  }

  @Override
  public void close() {
    gateway.stop().await();
    broker.close();
    db.close();
  }
}

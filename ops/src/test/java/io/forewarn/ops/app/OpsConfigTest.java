package io.forewarn.ops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.forewarn.common.config.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsConfigTest {
  @Test
  void defaultsApplyWhenOnlyTheDatabaseIsGiven() {
    OpsConfig c = OpsConfig.fromEnv(Map.of("FOREWARN_DB_URL", "postgresql://u:secret@h:5432/forewarn"));
    assertThat(c.httpPort()).isEqualTo(OpsConfig.DEFAULT_HTTP_PORT);
    assertThat(c.bodyLimitBytes()).isEqualTo(OpsConfig.DEFAULT_BODY_LIMIT_KB * 1024L);
    assertThat(c.maxStreams()).isEqualTo(OpsConfig.DEFAULT_MAX_STREAMS);
    assertThat(c.operatorTenant()).isEqualTo("default");
    assertThat(c.toString()).doesNotContain("secret");
  }

  @Test
  void listsEveryProblemAtOnce() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> OpsConfig.fromEnv(Map.of(
        "FOREWARN_OPS_HTTP_PORT", "http", "FOREWARN_OPS_MAX_STREAMS", "0", "FOREWARN_OPS_STREAM_POLL", "soon",
        "FOREWARN_OPS_HTTP_HOST", "bad host!", "FOREWARN_OPS_OPERATOR_TENANT", "Head Office")));
    assertThat(e.problems()).hasSize(6);
    assertThat(e.getMessage()).contains("FOREWARN_DB_URL is required", "FOREWARN_OPS_HTTP_PORT=http",
        "FOREWARN_OPS_MAX_STREAMS=0", "FOREWARN_OPS_STREAM_POLL=soon", "FOREWARN_OPS_HTTP_HOST",
        "FOREWARN_OPS_OPERATOR_TENANT");
  }
}

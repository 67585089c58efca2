package io.forewarn.gateway.it;

/** Reads one value from the gateway's Prometheus text. */
final class GatewayMetricsText {
  private GatewayMetricsText() {}

  /** The first sample of {@code name}, or 0 when it is absent or the endpoint does not answer. */
  static double value(int port, String name) {
    try {
      for (String line : ItSupport.get(port, "/metrics").body().split("\n")) {
        if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
          return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return 0;
    } catch (IllegalStateException e) {
      return 0;
    }
  }
}

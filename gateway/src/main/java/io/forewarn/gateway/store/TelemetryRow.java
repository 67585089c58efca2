package io.forewarn.gateway.store;

/**
 * One stored telemetry row: device, {@code ts} in microseconds since the Unix epoch, metric ids
 * ascending and the values aligned with them, and whether {@code ts} is the receive time.
 */
public record TelemetryRow(int deviceId, long tsMicros, short[] metricIds, double[] values, boolean receiveTime) {}

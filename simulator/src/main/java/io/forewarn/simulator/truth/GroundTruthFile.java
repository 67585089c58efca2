package io.forewarn.simulator.truth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.forewarn.simulator.fault.FailureLimit;
import io.forewarn.simulator.fault.FailureLimits;
import io.forewarn.simulator.fault.Fault;
import io.forewarn.simulator.fault.FaultPlan;
import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.Fleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The ground truth as one JSON file, self-contained for the rules stage's evaluation: the run, the
 * failure limits per model, and every fault with its device's model, firmware and region.
 */
public final class GroundTruthFile {
  private final JsonFactory factory = new JsonFactory();

  public void write(Path file, RunInfo run, Fleet fleet, FaultPlan plan) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (JsonGenerator g = factory.createGenerator(tmp.toFile(), JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeObjectFieldStart("run");
      g.writeStringField("run_id", run.runId());
      g.writeStringField("mode", run.mode());
      g.writeNumberField("seed", run.seed());
      g.writeNumberField("devices", run.devices());
      g.writeStringField("window_start", run.windowStart().toString());
      g.writeStringField("window_end", run.windowEnd().toString());
      g.writeStringField("settings", run.settings());
      g.writeEndObject();
      writeLimits(g);
      g.writeArrayFieldStart("faults");
      for (Fault f : plan.faults()) {
        writeFault(g, fleet.device(f.deviceIndex()), f);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeLimits(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("failure_limits");
    for (FailureLimit l : FailureLimits.all()) {
      g.writeStartObject();
      g.writeStringField("model", l.model().modelName());
      g.writeStringField("metric", l.metric());
      g.writeStringField("check", l.check().name().toLowerCase(java.util.Locale.ROOT));
      g.writeNumberField("threshold", l.threshold());
      if (l.window() != null) {
        g.writeNumberField("window_seconds", l.window().toSeconds());
      }
      g.writeStringField("meaning", l.meaning());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("silence_intervals", FailureLimits.SILENCE_INTERVALS);
  }

  private static void writeFault(JsonGenerator g, Device d, Fault f) throws IOException {
    g.writeStartObject();
    g.writeStringField("device_id", d.externalId());
    g.writeStringField("model", d.model().modelName());
    g.writeStringField("firmware", d.firmware());
    g.writeStringField("region", d.region().name());
    g.writeStringField("site", d.site());
    g.writeNumberField("interval_seconds", d.interval().toSeconds());
    g.writeStringField("fault_kind", f.kind().label());
    g.writeStringField("onset", f.onset().toString());
    writeInstant(g, "failure_at", f.failureAt());
    writeInstant(g, "ends_at", f.endsAt());
    g.writeBooleanField("predictable", f.predictable());
    g.writeArrayFieldStart("affected_metrics");
    for (String m : f.affectedMetrics()) {
      g.writeString(m);
    }
    g.writeEndArray();
    g.writeStringField("detail", f.detail());
    g.writeEndObject();
  }

  private static void writeInstant(JsonGenerator g, String field, Instant value) throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, value.toString());
    }
  }
}

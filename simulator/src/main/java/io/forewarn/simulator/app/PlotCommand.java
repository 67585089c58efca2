package io.forewarn.simulator.app;

import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.plot.ChartRenderer;
import io.forewarn.simulator.plot.FaultGallery;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code plot}: draws a few devices' metrics around injected faults into a PNG (headless Java2D). */
final class PlotCommand implements Command {
  @Override
  public int run(List<String> args, Env env) throws Exception {
    CliOptions o = new CliOptions(args, Set.of("seed", "out", "start"), Set.of());
    Scenario scenario = new Scenario(o, 200, args);
    Path out = Path.of(o.string("out", "docs/simulator-fault.png"));
    Instant start = Instant.parse(o.string("start", "2026-01-05T00:00:00Z"));
    o.check();
    Fleet fleet = scenario.fleet();
    new ChartRenderer().write(new FaultGallery().panels(fleet, start), 2, out);
    env.out().println("wrote " + out.toAbsolutePath());
    return 0;
  }
}

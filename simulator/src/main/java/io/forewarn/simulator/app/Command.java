package io.forewarn.simulator.app;

import java.util.List;

/** One CLI mode. Returns the process exit code. */
interface Command {
  int run(List<String> args, Env env) throws Exception;
}

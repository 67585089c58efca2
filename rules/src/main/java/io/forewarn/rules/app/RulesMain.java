package io.forewarn.rules.app;

import io.forewarn.rules.nab.NabCommand;
import io.forewarn.rules.replay.ReplayCommand;
import io.forewarn.common.config.InvalidConfigException;
import io.forewarn.rules.ruleset.RuleFileException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the rules jar: no argument runs the service, {@code replay ...} scores the rules on a
 * stored history, {@code nab ...} (or arguments starting with {@code --data}, as ./forewarn calls it)
 * runs the NAB benchmark (the service itself takes no arguments, so any leading option means NAB).
 */
public final class RulesMain {
  private static final Logger LOG = LoggerFactory.getLogger(RulesMain.class);

  private RulesMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("nab") || args[0].startsWith("--"))) {
      NabCommand.main(args[0].equals("nab") ? Arrays.copyOfRange(args, 1, args.length) : args);
      return;
    }
    if (args.length > 0 && args[0].equals("replay")) {
      System.exit(new ReplayCommand(System.out).run(Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0) {
      System.err.println("usage: rules.jar [replay --db-url URL ... | nab --data DIR ...]  (no argument: service)");
      System.exit(2);
    }
    try {
      RulesService.main(System.getenv());
    } catch (InvalidConfigException | RuleFileException e) {
      // Set-up problems a person must fix: the full list, without a stack trace in the way.
      LOG.error("{}", e.getMessage());
      System.exit(2);
    }
  }
}

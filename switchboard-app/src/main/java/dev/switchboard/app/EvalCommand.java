package dev.switchboard.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code switchboard eval}: offline evaluations on labelled data. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a component on labelled data.",
    subcommands = {EvalCacheCommand.class, EvalGuardCommand.class})
final class EvalCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

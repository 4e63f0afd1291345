package dev.switchboard.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code switchboard} command line. */
@Command(name = "switchboard", mixinStandardHelpOptions = true, version = "switchboard 0.1.0",
    description = "An AI gateway: one OpenAI- and Anthropic-compatible endpoint in front of every LLM provider.",
    subcommands = {ServeCommand.class, SimCommand.class, DemoCommand.class, BenchCommand.class, LoadCommand.class,
        EvalCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    if (code != 0 || !isLongRunning(args)) {
      System.exit(code);
    }
  }

  private static boolean isLongRunning(String[] args) {
    if (args.length == 0) {
      return false;
    }
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h") || arg.equals("--once") || arg.equals("-V")) {
        return false;
      }
    }
    return args[0].equals("serve") || args[0].equals("sim") || args[0].equals("demo");
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

package dev.kibitz.cli;

import io.grpc.StatusRuntimeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./kibitz} command line: one subcommand per job, {@code --help} on each. */
@Command(name = "kibitz", mixinStandardHelpOptions = true, version = "kibitz 0.1.0",
    description = "Look inside game-playing policy networks and steer them.",
    subcommands = {ServeCommand.class, ModelsCommand.class, MazeCommand.class, ChessCommand.class, DemoCommand.class, RunCommand.class, StatusCommand.class, BenchCommand.class,
        SaeCommand.class, dev.kibitz.cli.steer.SteerCommand.class,
        CommandLine.HelpCommand.class})
public final class KibitzCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command tree: usage errors exit 2, failures exit 1 with one line naming the problem. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new KibitzCli());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof StatusRuntimeException s) {
        String cause = s.getCause() == null ? "" : " (" + s.getCause().getMessage() + ")";
        cmd.getErr().println("kibitz: " + s.getStatus().getCode() + ": " + s.getStatus().getDescription() + cause);
      } else {
        cmd.getErr().println("kibitz: " + e.getMessage());
      }
      return 1;
    });
    return cli;
  }
}

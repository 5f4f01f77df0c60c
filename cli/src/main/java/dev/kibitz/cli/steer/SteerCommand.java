package dev.kibitz.cli.steer;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kibitz steer ...}: steering experiments through the steering service. */
@Command(name = "steer", mixinStandardHelpOptions = true,
    description = "Steering experiments on the maze agent, through the model server and the steering service.",
    subcommands = {CheeseVectorCommand.class, CheeseChannelsCommand.class, ResampleCommand.class})
public final class SteerCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

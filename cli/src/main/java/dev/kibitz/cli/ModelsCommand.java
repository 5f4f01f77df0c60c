package dev.kibitz.cli;

import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.proto.v1.Checkpoint;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.ModelSummary;
import dev.kibitz.proto.v1.TensorSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kibitz models list|describe}: what a running model server serves. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List and describe served models.",
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Describe.class})
final class ModelsCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List models and their checkpoints.")
  static final class ListModels implements Callable<Integer> {
    @Mixin
    Target target;

    @Override
    public Integer call() throws Exception {
      try (ModelServerClient client = ModelServerClient.connect(target.host(), target.port())) {
        for (ModelSummary m : client.listModels().getModelsList()) {
          System.out.println(m.getName() + "  " + m.getDescription());
          for (Checkpoint c : m.getCheckpointsList()) {
            System.out.println("  " + (c.getName().equals(m.getDefaultCheckpoint()) ? "* " : "  ") + c.getName()
                + "  " + c.getDescription());
          }
        }
      }
      return 0;
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true,
      description = "Show a model's inputs, outputs and hook points (per-example shapes).")
  static final class Describe implements Callable<Integer> {
    @Mixin
    Target target;

    @Parameters(paramLabel = "MODEL")
    String model;

    @Override
    public Integer call() throws Exception {
      try (ModelServerClient client = ModelServerClient.connect(target.host(), target.port())) {
        ModelDescription d = client.describe(model);
        System.out.println(d.getSummary().getName() + ": " + d.getSummary().getDescription());
        print("input", d.getInputsList());
        print("output", d.getOutputsList());
        print("hook", d.getHookPointsList());
      }
      return 0;
    }

    static void print(String kind, java.util.List<TensorSpec> specs) {
      for (TensorSpec s : specs) {
        System.out.printf("  %-6s %-28s %-8s %-14s %s%n", kind, s.getName(),
            s.getDtype().name().replace("DTYPE_", "").toLowerCase(), s.getShapeList(), s.getAxisNamesList());
      }
    }
  }
}

package dev.kibitz.cli;

import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.proto.v1.AddModelResponse;
import dev.kibitz.proto.v1.Checkpoint;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.ModelSummary;
import dev.kibitz.proto.v1.ParityReport;
import dev.kibitz.proto.v1.TensorParity;
import dev.kibitz.proto.v1.TensorSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kibitz models list|describe|add|parity}: what a running model server serves. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List and describe served models; add TorchScript packages and check their parity.",
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Describe.class, ModelsCommand.AddPackage.class,
        ModelsCommand.Parity.class})
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
        printSpecs(d);
      }
      return 0;
    }

    /** Inputs, outputs and hook points, one line each. */
    static void printSpecs(ModelDescription d) {
      print("input", d.getInputsList());
      print("output", d.getOutputsList());
      print("hook", d.getHookPointsList());
    }

    static void print(String kind, java.util.List<TensorSpec> specs) {
      for (TensorSpec s : specs) {
        System.out.printf("  %-6s %-28s %-8s %-14s %s%n", kind, s.getName(),
            s.getDtype().name().replace("DTYPE_", "").toLowerCase(), s.getShapeList(), s.getAxisNamesList());
      }
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Serve a TorchScript model package (docs/byo-models.md) on the running server: it loads the "
          + "stages, checks shapes and parity with the recorded PyTorch outputs, and refuses a bad package.")
  static final class AddPackage implements Callable<Integer> {
    @Mixin
    Target target;

    @Parameters(paramLabel = "PATH", description = "package directory (the server reads it: same machine or a "
        + "shared path)")
    java.nio.file.Path path;

    @picocli.CommandLine.Option(names = "--allow-parity-failure",
        description = "serve it even if its outputs differ from the recorded ones past the tolerance")
    boolean allowParityFailure;

    @Override
    public Integer call() throws Exception {
      try (ModelServerClient client = ModelServerClient.connect(target.host(), target.port())) {
        AddModelResponse r = client.addModel(path.toAbsolutePath().normalize().toString(), allowParityFailure);
        ModelDescription d = r.getDescription();
        System.out.println("added " + d.getSummary().getName() + ": " + d.getSummary().getDescription());
        Describe.printSpecs(d);
        System.out.println("parity " + r.getParity().getSummary());
      }
      return 0;
    }
  }

  @Command(name = "parity", mixinStandardHelpOptions = true,
      description = "Rerun a served package's parity guard: reference inputs against the recorded PyTorch results.")
  static final class Parity implements Callable<Integer> {
    @Mixin
    Target target;

    @Parameters(paramLabel = "MODEL")
    String model;

    @Override
    public Integer call() throws Exception {
      try (ModelServerClient client = ModelServerClient.connect(target.host(), target.port())) {
        ParityReport r = client.checkParity(model);
        for (TensorParity t : r.getTensorsList()) {
          System.out.printf("  %-4s %-44s max abs %.3g  max rel %.3g%n", t.getPassed() ? "ok" : "FAIL", t.getName(),
              t.getMaxAbsError(), t.getMaxRelError());
        }
        System.out.println(r.getSummary());
        return r.getPassed() ? 0 : 1;
      }
    }
  }
}

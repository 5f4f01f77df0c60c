package dev.kibitz.cli;

import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.service.SaeService;
import dev.kibitz.sae.train.SaeTrainingConfig;
import dev.kibitz.store.kafka.StoreTopics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kibitz serve sae-service}: trains an SAE on every dataset announced on Kafka (optionally one hook's). */
@Command(name = "sae-service", mixinStandardHelpOptions = true,
    description = "Join consumer group " + SaeService.GROUP + " on the store's events and train one SAE per "
        + "matching dataset from the activation store, checkpointed under --output-dir (unfinished jobs resume at "
        + "start). gRPC health only (SERVING while the consumer runs); stops gracefully on SIGTERM/Ctrl-C.")
final class ServeSaeService implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--kafka", required = true, paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers")
  String kafka;

  @Option(names = "--store", required = true, paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "the activation store the rows are read from and the SAEs published to")
  HostPort store;

  @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "job folders and checkpoints")
  Path outputDir;

  @Option(names = "--hook", defaultValue = "", description = "train on datasets of this hook point only (default: every dataset)")
  String hook;

  @Option(names = "--architecture", defaultValue = "topk",
      description = "relu-l1, gated, topk or jumprelu (default: ${DEFAULT-VALUE})")
  String architecture;

  @Option(names = "--sparsity", defaultValue = "16",
      description = "k for topk, the L1/L0 coefficient otherwise (default: ${DEFAULT-VALUE})")
  double sparsity;

  @Option(names = "--width", defaultValue = "1024", description = "features (default: ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--steps", defaultValue = "3000", description = "training steps per SAE (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--checkpoint-every", defaultValue = "1000",
      description = "steps between checkpoints, from which a restarted service resumes (default: ${DEFAULT-VALUE})")
  int checkpointEvery;

  @Option(names = "--health-port", defaultValue = "50062",
      description = "port of the gRPC health service (default: ${DEFAULT-VALUE}; 0 = any free)")
  int healthPort;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "address the health service binds (default: ${DEFAULT-VALUE})")
  String host;

  @Override
  public Integer call() throws Exception {
    HostPort.checkListenPort(spec, "--health-port", healthPort);
    SaeService service = new SaeService(store.host(), store.port(), kafka, StoreTopics.STORE_EVENTS, template(), hook,
        outputDir.toAbsolutePath().normalize(), -1).start();
    return ConsumerForeground.run("sae-service", host, healthPort, service.consumer(), service);
  }

  /** The standard config; its d_in (1 here) is replaced by each dataset's row width. */
  private SaeTrainingConfig template() {
    if (width < 1 || steps < 1 || checkpointEvery < 1) {
      throw new ParameterException(spec.commandLine(), "--width, --steps and --checkpoint-every must be at least 1, "
          + "got " + width + ", " + steps + " and " + checkpointEvery);
    }
    try {
      SaeArchitecture arch = SaeCommand.architecture(architecture, sparsity);
      SaeTrainingConfig t = SaeTrainingConfig.standard(arch, 1, width, steps, 0);
      return new SaeTrainingConfig(t.architecture(), t.dIn(), t.width(), t.steps(), t.batchSize(), t.learningRate(),
          t.warmupSteps(), t.cosineDecay(), t.seed(), t.bufferCapacity(), t.normalizationBatches(),
          t.deadAfterSteps(), t.resampleEvery(), checkpointEvery);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}

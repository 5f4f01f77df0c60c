package dev.kibitz.cli;

import dev.kibitz.sae.service.SaeService;
import dev.kibitz.sae.train.SaeTrainingConfig;
import dev.kibitz.store.kafka.StoreTopics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kibitz serve sae-service}: trains requested SAE jobs, and one SAE per announced dataset unless told not to. */
@Command(name = "sae-service", mixinStandardHelpOptions = true,
    description = "Join consumer group " + SaeService.GROUP + " on the store's events: train the SAE jobs that "
        + "experiments request through the store and (unless --requested-only) one SAE per matching dataset, "
        + "checkpointed under --output-dir (unfinished jobs resume at start). gRPC health only (SERVING while the "
        + "consumer runs); stops gracefully on SIGTERM/Ctrl-C.")
final class ServeSaeService implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @picocli.CommandLine.Mixin
  ConsumerOptions consumer;

  @picocli.CommandLine.Mixin
  SaeShapeOptions sae;

  @Option(names = "--hook", defaultValue = "", description = "train on datasets of this hook point only (default: every dataset)")
  String hook;

  @Option(names = "--requested-only", description = "train only the jobs experiments request through the store, "
      + "not one SAE per announced dataset")
  boolean requestedOnly;

  @Option(names = "--checkpoint-every", defaultValue = "1000",
      description = "steps between checkpoints, from which a restarted service resumes (default: ${DEFAULT-VALUE})")
  int checkpointEvery;

  @Option(names = "--health-port", defaultValue = "50062",
      description = "port of the gRPC health service (default: ${DEFAULT-VALUE}; 0 = any free)")
  int healthPort;

  @Override
  public Integer call() throws Exception {
    HostPort.checkListenPort(spec, "--health-port", healthPort);
    SaeService service = new SaeService(consumer.store.host(), consumer.store.port(), consumer.kafka,
        StoreTopics.STORE_EVENTS, requestedOnly ? null : template(), hook, consumer.output(), -1).start();
    return ConsumerForeground.run("sae-service", consumer.host, healthPort, service.consumer(), service);
  }

  /** The standard config; its d_in (1 here) is replaced by each dataset's row width. */
  private SaeTrainingConfig template() {
    if (sae.width < 1 || sae.steps < 1 || checkpointEvery < 1) {
      throw new ParameterException(spec.commandLine(), "--width, --steps and --checkpoint-every must be at least 1, "
          + "got " + sae.width + ", " + sae.steps + " and " + checkpointEvery);
    }
    try {
      SaeTrainingConfig t = SaeTrainingConfig.standard(sae.build(), 1, sae.width, sae.steps, 0);
      return new SaeTrainingConfig(t.architecture(), t.dIn(), t.width(), t.steps(), t.batchSize(), t.learningRate(),
          t.warmupSteps(), t.cosineDecay(), t.seed(), t.bufferCapacity(), t.normalizationBatches(),
          t.deadAfterSteps(), t.resampleEvery(), checkpointEvery);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}

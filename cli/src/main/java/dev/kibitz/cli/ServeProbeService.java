package dev.kibitz.cli;

import dev.kibitz.probe.service.ProbeService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kibitz serve probe-service}: trains the probes of every sealed dataset announced on Kafka. */
@Command(name = "probe-service", mixinStandardHelpOptions = true,
    description = "Join consumer group " + ProbeService.GROUP + " on the store's events and train each sealed "
        + "dataset's probes from the activation store into --output-dir. gRPC health only (SERVING while the "
        + "consumer runs); stops gracefully on SIGTERM/Ctrl-C.")
final class ServeProbeService implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @picocli.CommandLine.Mixin
  ConsumerOptions consumer;

  @Option(names = "--health-port", defaultValue = "50061",
      description = "port of the gRPC health service (default: ${DEFAULT-VALUE}; 0 = any free)")
  int healthPort;

  @Override
  public Integer call() throws Exception {
    HostPort.checkListenPort(spec, "--health-port", healthPort);
    ProbeService service = ProbeService.start(ProbeService.Settings.of(consumer.kafka, consumer.store.host(),
        consumer.store.port(), consumer.output()));
    return ConsumerForeground.run("probe-service", consumer.host, healthPort, service.consumer(), service);
  }
}

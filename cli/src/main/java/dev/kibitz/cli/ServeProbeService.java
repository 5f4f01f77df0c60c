package dev.kibitz.cli;

import dev.kibitz.probe.service.ProbeService;
import java.nio.file.Path;
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

  @Option(names = "--kafka", required = true, paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers")
  String kafka;

  @Option(names = "--store", required = true, paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "the activation store the rows are read from")
  HostPort store;

  @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "where probe results go")
  Path outputDir;

  @Option(names = "--health-port", defaultValue = "50061",
      description = "port of the gRPC health service (default: ${DEFAULT-VALUE}; 0 = any free)")
  int healthPort;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "address the health service binds (default: ${DEFAULT-VALUE})")
  String host;

  @Override
  public Integer call() throws Exception {
    HostPort.checkListenPort(spec, "--health-port", healthPort);
    ProbeService service = ProbeService.start(ProbeService.Settings.of(kafka, store.host(), store.port(),
        outputDir.toAbsolutePath().normalize()));
    return ConsumerForeground.run("probe-service", host, healthPort, service.consumer(), service);
  }
}

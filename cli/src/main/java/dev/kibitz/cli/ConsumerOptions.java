package dev.kibitz.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What every Kafka-consuming service takes: the broker, the store it reads rows from, its output folder. */
final class ConsumerOptions {
  @Option(names = "--kafka", required = true, paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers")
  String kafka;

  @Option(names = "--store", required = true, paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "the activation store the rows are read from")
  HostPort store;

  @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "results, job folders, checkpoints")
  Path outputDir;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "address the health service binds (default: ${DEFAULT-VALUE})")
  String host;

  Path output() {
    return outputDir.toAbsolutePath().normalize();
  }
}

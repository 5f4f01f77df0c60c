package dev.kibitz.cli;

import dev.kibitz.modelserver.ModelServerApplication;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kibitz serve SERVICE}: runs one service of the mesh in the foreground. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run a Kibitz service in the foreground.",
    subcommands = {ServeCommand.ModelServer.class, ServeCommand.ActivationStore.class, ServeSteeringService.class,
        ServeProbeService.class, ServeSaeService.class, ServeOrchestrator.class})
final class ServeCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "model-server", mixinStandardHelpOptions = true,
      description = "Serve ListModels, DescribeModel and Forward over gRPC (health and reflection included); "
          + "stops gracefully on SIGTERM/Ctrl-C.")
  static final class ModelServer implements Callable<Integer> {
    @Option(names = "--port", description = "port to listen on (default: application.yml, 50051; 0 = any free)")
    Integer port;

    @Option(names = "--host", description = "address to bind (default: 0.0.0.0)")
    String host;

    @Option(names = "--device", description = "cpu, gpu or auto (default: cpu)")
    String device;

    @Option(names = "--package", paramLabel = "DIR",
        description = "also serve this TorchScript model package (repeatable; docs/byo-models.md)")
    java.util.List<java.nio.file.Path> packages;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> props = new HashMap<>();
      if (packages != null) {
        props.put("kibitz.model-server.packages",
            packages.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
      }
      putIfSet(props, "kibitz.model-server.port", port);
      putIfSet(props, "kibitz.model-server.host", host);
      putIfSet(props, "kibitz.model-server.device", device);
      ApplicationContext ctx = ModelServerApplication.start(props);
      GrpcModelServer server = ctx.getBean(GrpcModelServer.class);
      System.out.println("model-server listening on port " + server.port());
      Runtime.getRuntime().addShutdownHook(new Thread(ctx::close, "model-server-shutdown"));
      server.awaitTermination();
      return 0;
    }
  }

  @Command(name = "activation-store", mixinStandardHelpOptions = true,
      description = "Serve the activation store over gRPC: safetensors shards on local disk or S3, a catalog in "
          + "PostgreSQL or an embedded H2 file, BatchStored/DatasetSealed events on Kafka.")
  static final class ActivationStore implements Callable<Integer> {
    @Option(names = "--port", description = "port to listen on (default: 50052; 0 = any free)")
    Integer port;

    @Option(names = "--data-dir",
        description = "shards, staging files and the embedded catalog (default: ~/.kibitz/store)")
    String dataDir;

    @Option(names = "--catalog-url", description = "jdbc:postgresql://... (default: embedded H2 under --data-dir)")
    String catalogUrl;

    @Option(names = "--kafka", description = "Kafka bootstrap servers (default: none; nothing is announced)")
    String kafka;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> props = new HashMap<>();
      putIfSet(props, "kibitz.activation-store.port", port);
      putIfSet(props, "kibitz.activation-store.data-dir", dataDir);
      putIfSet(props, "kibitz.activation-store.catalog-url", catalogUrl);
      putIfSet(props, "kibitz.activation-store.kafka-bootstrap", kafka);
      ApplicationContext ctx = dev.kibitz.store.ActivationStoreApplication.start(props);
      dev.kibitz.store.grpc.GrpcStoreServer server = ctx.getBean(dev.kibitz.store.grpc.GrpcStoreServer.class);
      System.out.println("activation-store listening on port " + server.port());
      Runtime.getRuntime().addShutdownHook(new Thread(ctx::close, "activation-store-shutdown"));
      server.awaitTermination();
      return 0;
    }
  }

  private static void putIfSet(Map<String, Object> props, String key, Object value) {
    if (value != null) {
      props.put(key, value);
    }
  }
}

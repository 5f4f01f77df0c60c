package dev.kibitz.cli;

import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.steering.grpc.GrpcSteeringServer;
import dev.kibitz.steering.vector.Artifacts;
import dev.kibitz.steering.vector.StoreArtifacts;
import dev.kibitz.store.client.ActivationStoreClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kibitz serve steering-service}: the steering service over gRPC, a client of one model server. */
@Command(name = "steering-service", mixinStandardHelpOptions = true,
    description = "Serve SteeringService over gRPC (health and reflection included): builds steering vectors and "
        + "measures them through a model server; with --store, also from stored probes and SAEs. Stops gracefully "
        + "on SIGTERM/Ctrl-C.")
final class ServeSteeringService implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--port", defaultValue = "50071", description = "port to listen on (default: ${DEFAULT-VALUE}; 0 = any free)")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "address to bind (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--model-server", required = true, paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "the model server that runs every forward pass")
  HostPort modelServer;

  @Option(names = "--store", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "the activation store holding probe and SAE artifacts (default: none; such sources are refused)")
  HostPort store;

  @Override
  public Integer call() throws Exception {
    HostPort.checkListenPort(spec, "--port", port);
    ModelServerClient models = ModelServerClient.connect(modelServer.host(), modelServer.port());
    ActivationStoreClient storeClient = store == null ? null
        : new ActivationStoreClient(store.host(), store.port(), 60);
    Artifacts artifacts = storeClient == null ? Artifacts.NONE : new StoreArtifacts(storeClient);
    GrpcSteeringServer server = new GrpcSteeringServer(host, port, models, artifacts).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop();
        models.close();
        if (storeClient != null) {
          storeClient.close();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "steering-service-shutdown"));
    System.out.println("steering-service listening on port " + server.port());
    server.awaitTermination();
    return 0;
  }
}

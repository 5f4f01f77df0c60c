package dev.kibitz.steering;

import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.steering.grpc.GrpcSteeringServer;
import dev.kibitz.steering.vector.Artifacts;
import dev.kibitz.steering.vector.StoreArtifacts;
import dev.kibitz.store.client.ActivationStoreClient;

/**
 * Runs the steering service: {@code SteeringServerMain MODEL_HOST:PORT [PORT [STORE_HOST:PORT]]}
 * (default port 50071; without a store, probe and SAE sources are refused).
 */
public final class SteeringServerMain {
  private SteeringServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !args[0].contains(":")) {
      System.err.println("usage: SteeringServerMain MODEL_SERVER_HOST:PORT [PORT [STORE_HOST:PORT]]");
      System.exit(2);
    }
    String[] target = args[0].split(":", 2);
    ModelServerClient client = ModelServerClient.connect(target[0], Integer.parseInt(target[1]));
    Artifacts artifacts = Artifacts.NONE;
    if (args.length > 2) {
      String[] store = args[2].split(":", 2);
      artifacts = new StoreArtifacts(new ActivationStoreClient(store[0], Integer.parseInt(store[1]), 60));
    }
    GrpcSteeringServer server = new GrpcSteeringServer("0.0.0.0", args.length > 1 ? Integer.parseInt(args[1]) : 50071,
        client, artifacts).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop();
        client.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "steering-shutdown"));
    System.out.println("steering-service listening on port " + server.port());
    server.awaitTermination();
  }
}

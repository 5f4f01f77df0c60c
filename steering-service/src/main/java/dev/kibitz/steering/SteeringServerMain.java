package dev.kibitz.steering;

import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.steering.grpc.GrpcSteeringServer;

/** Runs the steering service: {@code SteeringServerMain MODEL_HOST:PORT [PORT]} (default port 50071). */
public final class SteeringServerMain {
  private SteeringServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !args[0].contains(":")) {
      System.err.println("usage: SteeringServerMain MODEL_SERVER_HOST:PORT [PORT]");
      System.exit(2);
    }
    String[] target = args[0].split(":", 2);
    ModelServerClient client = ModelServerClient.connect(target[0], Integer.parseInt(target[1]));
    GrpcSteeringServer server = new GrpcSteeringServer("0.0.0.0", args.length > 1 ? Integer.parseInt(args[1]) : 50071,
        client).start();
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

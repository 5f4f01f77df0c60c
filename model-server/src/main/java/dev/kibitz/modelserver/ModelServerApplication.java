package dev.kibitz.modelserver;

import dev.kibitz.modelserver.grpc.GrpcModelServer;
import io.micronaut.context.ApplicationContext;
import java.util.Map;

/** Starts the model server: Micronaut context, gRPC server, stop on SIGTERM/SIGINT. */
public final class ModelServerApplication {
  private ModelServerApplication() {}

  /** Starts a server with {@code properties} over application.yml (e.g. kibitz.model-server.port). */
  public static ApplicationContext start(Map<String, Object> properties) throws Exception {
    // Natives come from the pytorch-native jar on the classpath; never fetch anything at run time.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    ApplicationContext context = ApplicationContext.builder().properties(properties).start();
    context.getBean(GrpcModelServer.class).start();
    return context;
  }

  public static void main(String[] args) throws Exception {
    ApplicationContext context = start(Map.of());
    Runtime.getRuntime().addShutdownHook(new Thread(context::close, "model-server-shutdown"));
    context.getBean(GrpcModelServer.class).awaitTermination();
  }
}

package dev.kibitz.store;

import dev.kibitz.store.grpc.GrpcStoreServer;
import io.micronaut.context.ApplicationContext;
import java.util.Map;

/** Starts the activation store: Micronaut context, gRPC server, announcement relay; stops on SIGTERM. */
public final class ActivationStoreApplication {
  private ActivationStoreApplication() {}

  /** Starts a store with {@code properties} over application.yml (e.g. kibitz.activation-store.port). */
  public static ApplicationContext start(Map<String, Object> properties) throws Exception {
    ApplicationContext context = ApplicationContext.builder().properties(properties).start();
    context.getBean(GrpcStoreServer.class).start();
    return context;
  }

  public static void main(String[] args) throws Exception {
    ApplicationContext context = start(Map.of());
    Runtime.getRuntime().addShutdownHook(new Thread(context::close, "activation-store-shutdown"));
    context.getBean(GrpcStoreServer.class).awaitTermination();
  }
}

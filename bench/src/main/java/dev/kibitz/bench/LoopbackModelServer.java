package dev.kibitz.bench;

import dev.kibitz.modelserver.ModelServerApplication;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import io.micronaut.context.ApplicationContext;
import java.util.Map;

/** A model server on a free loopback port with the zoo registered, and a client connected to it over real gRPC. */
record LoopbackModelServer(ApplicationContext context, ModelServerClient client) implements AutoCloseable {
  static LoopbackModelServer start() throws Exception {
    ApplicationContext ctx = ModelServerApplication.start(Map.of("kibitz.model-server.port", 0,
        "kibitz.model-server.host", "127.0.0.1"));
    return new LoopbackModelServer(ctx,
        ModelServerClient.connect("127.0.0.1", ctx.getBean(GrpcModelServer.class).port()));
  }

  @Override
  public void close() throws InterruptedException {
    client.close();
    context.close();
  }
}

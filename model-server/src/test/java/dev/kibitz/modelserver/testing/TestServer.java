package dev.kibitz.modelserver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.modelserver.ModelServerApplication;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.forward.ForwardService;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import dev.kibitz.proto.v1.ModelServiceGrpc;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A real model server for one test class: the application's Micronaut context, started through
 * {@link ModelServerApplication#start} on a free loopback port. Clients connect over TCP, so
 * every test goes through the same transport, limits and flow control as production.
 */
public final class TestServer implements AutoCloseable {
  private static final String PREFIX = "kibitz.model-server.";

  private final ApplicationContext context;
  /** Kept from start: the port stays known after the server stops, for clients that must be refused. */
  private final int port;

  private TestServer(ApplicationContext context) {
    this.context = context;
    this.port = grpcServer().port();
  }

  public static TestServer start() throws Exception {
    return start(Map.of());
  }

  /** @param settings kibitz.model-server.* settings without the prefix, e.g. "max-sessions" -> 1 */
  public static TestServer start(Map<String, Object> settings) throws Exception {
    Map<String, Object> properties = new HashMap<>();
    properties.put(PREFIX + "host", "127.0.0.1");
    properties.put(PREFIX + "port", 0);
    // A test that fails with a stream still open should not hold the suite for the default 30 s.
    properties.put(PREFIX + "shutdown-grace-seconds", 5);
    settings.forEach((k, v) -> properties.put(PREFIX + k, v));
    TestServer server = new TestServer(ModelServerApplication.start(properties));
    // Loads the default checkpoint now, so no test's first call (or deadline) pays for it.
    server.forwardService().describe(ForwardFixtures.MODEL);
    return server;
  }

  public ApplicationContext context() {
    return context;
  }

  public ForwardService forwardService() {
    return context.getBean(ForwardService.class);
  }

  public GrpcModelServer grpcServer() {
    return context.getBean(GrpcModelServer.class);
  }

  public int port() {
    return port;
  }

  /** A new client on its own channel (its own TCP connection); the caller closes it. */
  public ModelServerClient newClient() {
    return ModelServerClient.connect("127.0.0.1", port());
  }

  /** The raw async stub on {@code client}'s channel, for tests that drive the protocol by hand. */
  public static ModelServiceGrpc.ModelServiceStub rawStub(ModelServerClient client) {
    return ModelServiceGrpc.newStub(client.channel());
  }

  /**
   * Waits (up to 5 s) until the server holds no Forward session and no Forward stream: ending a
   * call is asynchronous to the status the client sees.
   */
  public void awaitNoOpenSessions() throws InterruptedException {
    awaitValue(0, () -> forwardService().openSessions(), "open forward sessions");
    awaitValue(0, () -> grpcServer().openStreams(), "open forward streams");
  }

  /** Polls until {@code value} reaches {@code expected}, up to 5 s, then asserts it. */
  public static void awaitValue(int expected, IntSupplier value, String what) throws InterruptedException {
    long until = System.nanoTime() + 5_000_000_000L;
    while (value.getAsInt() != expected && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(expected, value.getAsInt(), what);
  }

  @Override
  public void close() {
    context.close();
  }
}

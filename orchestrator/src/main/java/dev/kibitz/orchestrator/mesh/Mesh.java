package dev.kibitz.orchestrator.mesh;

import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.proto.v1.SteeringServiceGrpc;
import dev.kibitz.store.client.ActivationStoreClient;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;

/**
 * The orchestrator's clients of the mesh, addressed by host:port: the same in one JVM (loopback ports)
 * and on a cluster (service names). The model server is also told the store's address, to which it
 * writes captures itself, so that address must be reachable from the model server.
 */
public final class Mesh implements AutoCloseable {
  private final ModelServerClient models;
  private final ActivationStoreClient store;
  private final String storeTarget;
  private final ManagedChannel steering;

  private Mesh(ModelServerClient models, ActivationStoreClient store, String storeTarget, ManagedChannel steering) {
    this.models = models;
    this.store = store;
    this.storeTarget = storeTarget;
    this.steering = steering;
  }

  /** Each target is HOST:PORT. */
  public static Mesh connect(String modelServer, String store, String steering) {
    String[] m = hostPort(modelServer, "model server");
    String[] s = hostPort(store, "activation store");
    hostPort(steering, "steering service");
    return new Mesh(ModelServerClient.connect(m[0], Integer.parseInt(m[1])),
        new ActivationStoreClient(s[0], Integer.parseInt(s[1]), 300), store,
        ManagedChannelBuilder.forTarget(steering).usePlaintext().maxInboundMessageSize(256 << 20).build());
  }

  private static String[] hostPort(String target, String what) {
    String[] p = target == null ? new String[0] : target.split(":", 2);
    if (p.length != 2 || p[0].isBlank() || !p[1].matches("\\d{1,5}")) {
      throw new IllegalArgumentException(what + " address must be HOST:PORT, got '" + target + "'");
    }
    return p;
  }

  public ModelServerClient models() {
    return models;
  }

  public ActivationStoreClient store() {
    return store;
  }

  /** The store's address as the model server should dial it. */
  public String storeTarget() {
    return storeTarget;
  }

  public SteeringServiceGrpc.SteeringServiceBlockingStub steering(long timeout, TimeUnit unit) {
    return SteeringServiceGrpc.newBlockingStub(steering).withDeadlineAfter(timeout, unit);
  }

  @Override
  public void close() throws InterruptedException {
    steering.shutdown();
    models.close();
    store.close();
    steering.awaitTermination(10, TimeUnit.SECONDS);
  }
}

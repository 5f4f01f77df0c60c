package dev.kibitz.orchestrator.embedded;

import dev.kibitz.kafka.EmbeddedKafka;
import dev.kibitz.modelserver.ModelServerApplication;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import dev.kibitz.orchestrator.mesh.Mesh;
import dev.kibitz.probe.service.ProbeService;
import dev.kibitz.sae.service.SaeService;
import dev.kibitz.steering.grpc.GrpcSteeringServer;
import dev.kibitz.steering.vector.StoreArtifacts;
import dev.kibitz.store.ActivationStoreApplication;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.grpc.GrpcStoreServer;
import dev.kibitz.store.kafka.StoreTopics;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Every service of the mesh in this JVM, talking over loopback gRPC and an in-JVM single-node KRaft
 * broker, exactly as separate processes would: the model server, the activation store (local
 * directory, embedded H2 catalog, announcing on Kafka), the probe service (a consumer of those
 * announcements), the sae-service (training the SAEs experiments ask for through the store) and the
 * steering service. {@link #mesh} is the orchestrator's client of it.
 */
public final class EmbeddedMesh implements AutoCloseable {
  private static final String HOST = "127.0.0.1";
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private Mesh mesh;

  private EmbeddedMesh() {}

  /** Starts everything with its files under {@code dir} (store/, probes/, sae/); {@code log} hears each start. */
  public static EmbeddedMesh start(Path dir, java.util.function.Consumer<String> log) throws Exception {
    EmbeddedMesh m = new EmbeddedMesh();
    try {
      m.boot(dir, log);
      return m;
    } catch (Exception | Error e) {
      m.close();
      throw e;
    }
  }

  private void boot(Path dir, java.util.function.Consumer<String> log) throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    started.push(kafka);
    kafka.createTopic(StoreTopics.STORE_EVENTS, 3);
    log.accept("kafka (KRaft, in this JVM) at " + kafka.bootstrapServers());

    ApplicationContext store = ActivationStoreApplication.start(Map.of("kibitz.activation-store.port", 0,
        "kibitz.activation-store.host", HOST, "kibitz.activation-store.data-dir", dir.resolve("store").toString(),
        "kibitz.activation-store.kafka-bootstrap", kafka.bootstrapServers()));
    started.push(store::close);
    int storePort = store.getBean(GrpcStoreServer.class).port();
    log.accept("activation-store at " + HOST + ":" + storePort + " (data in " + dir.resolve("store") + ")");

    ApplicationContext models = ModelServerApplication.start(Map.of("kibitz.model-server.port", 0,
        "kibitz.model-server.host", HOST));
    started.push(models::close);
    int modelPort = models.getBean(GrpcModelServer.class).port();
    log.accept("model-server at " + HOST + ":" + modelPort);

    ProbeService probes = ProbeService.start(ProbeService.Settings.of(kafka.bootstrapServers(), HOST, storePort,
        dir.resolve("probes")));
    started.push(probes);
    log.accept("probe-service consuming " + StoreTopics.STORE_EVENTS);

    SaeService saes = new SaeService(HOST, storePort, kafka.bootstrapServers(), StoreTopics.STORE_EVENTS, null, "",
        dir.resolve("sae"), -1).start();
    started.push(saes);
    log.accept("sae-service consuming " + StoreTopics.STORE_EVENTS + " (requested jobs)");

    ModelServerClient steeringModels = ModelServerClient.connect(HOST, modelPort);
    started.push(steeringModels);
    ActivationStoreClient steeringStore = new ActivationStoreClient(HOST, storePort, 60);
    started.push(steeringStore);
    GrpcSteeringServer steering = new GrpcSteeringServer(HOST, 0, steeringModels, new StoreArtifacts(steeringStore))
        .start();
    started.push(steering::stop);
    log.accept("steering-service at " + HOST + ":" + steering.port());

    mesh = Mesh.connect(HOST + ":" + modelPort, HOST + ":" + storePort, HOST + ":" + steering.port());
    started.push(mesh);
  }

  public Mesh mesh() {
    return mesh;
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}

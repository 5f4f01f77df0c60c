package dev.kibitz.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.maze.MazeSpec;
import dev.kibitz.kafka.EmbeddedKafka;
import dev.kibitz.proto.v1.OrchestratorServiceGrpc;
import dev.kibitz.proto.v1.RunPhase;
import dev.kibitz.proto.v1.RunRequest;
import dev.kibitz.proto.v1.RunStatus;
import dev.kibitz.proto.v1.StepPhase;
import dev.kibitz.proto.v1.SubmitRequest;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.kafka.StoreTopics;
import dev.kibitz.store.testing.PostgresDatabases;
import dev.kibitz.store.testing.S3ProxyServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mesh as separate processes: model server, activation store (PostgreSQL catalog, S3 shards via
 * s3proxy, announcing on a real KRaft broker), probe service, sae-service, steering service and orchestrator, each its
 * own JVM on a loopback port. An experiment goes in through the orchestrator's gRPC API; the orchestrator
 * is killed with SIGKILL while it runs, restarted over the same run-state database, and finishes the run.
 * The SAE is trained by the sae-service, asked through the store.
 */
class MeshProcessesTest {
  private static final String SPEC = """
      name: processes
      steps:
        - name: capture
          type: capture
          params: {model: maze-agent, hooks: [fc_out], mazes: 6, first-seed: 300}
        - {name: probes, type: train-probes, needs: capture, params: {capture: capture}}
        - name: sae
          type: train-sae
          needs: capture
          params: {capture: capture, architecture: topk, sparsity: 8, width: 64, steps: 300, held-out-mazes: 2}
        - {name: report, type: report, needs: [probes, sae]}
      """;

  @TempDir
  Path dir;

  @Test
  void anExperimentSurvivesKillingTheOrchestratorMidRun() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      run(kafka.bootstrapServers(), dir);
    }
  }

  /** The scenario against any broker whose topics this may create; files under {@code dir}. */
  static void run(String bootstrap, Path dir) throws Exception {
    long rows = 0;
    for (int i = 0; i < 6; i++) {
      rows += MazeSpec.Seeded.of(300 + i, CheeseRegion.ANYWHERE).build().freeSquares().size();
    }
    Path logs = dir.resolve("logs");
    try (PostgresDatabases.Database db = PostgresDatabases.create();
        S3ProxyServer s3 = S3ProxyServer.start()) {
      EmbeddedKafka.createTopic(bootstrap, StoreTopics.STORE_EVENTS, 3);
      Map<String, String> s3env = new HashMap<>(Map.of("KIBITZ_ACTIVATION_STORE_BACKEND", "s3",
          "KIBITZ_ACTIVATION_STORE_S3_ENDPOINT", s3.endpoint().toString(),
          "KIBITZ_ACTIVATION_STORE_S3_BUCKET", "kibitz-it", "KIBITZ_ACTIVATION_STORE_S3_REGION", "us-east-1",
          "KIBITZ_ACTIVATION_STORE_S3_ACCESS_KEY", s3.accessKey(),
          "KIBITZ_ACTIVATION_STORE_S3_SECRET_KEY", s3.secretKey()));
      try (ServiceProcess store = ServiceProcess.start("activation-store", logs, s3env, "--port", "0",
              "--data-dir", dir.resolve("store").toString(), "--catalog-url", db.url(), "--kafka",
              bootstrap);
          ServiceProcess models = ServiceProcess.start("model-server", logs, Map.of(), "--port", "0",
              "--host", "127.0.0.1");
          ServiceProcess probes = ServiceProcess.start("probe-service", logs, Map.of(), "--kafka",
              bootstrap, "--store", store.target(), "--output-dir", dir.resolve("probes").toString(),
              "--health-port", "0");
          ServiceProcess saes = ServiceProcess.start("sae-service", logs, Map.of(), "--kafka", bootstrap,
              "--store", store.target(), "--output-dir", dir.resolve("sae").toString(), "--health-port", "0",
              "--requested-only");
          ServiceProcess steering = ServiceProcess.start("steering-service", logs, Map.of(), "--port", "0",
              "--model-server", models.target(), "--store", store.target())) {
        String[] orchestratorArgs = {"--port", "0", "--model-server", models.target(), "--store", store.target(),
            "--steering", steering.target(), "--catalog-url", db.url(), "--catalog-user", db.user(),
            "--catalog-password", db.password(), "--work-dir", dir.resolve("orchestrator").toString()};
        String runId;
        try (ServiceProcess orchestrator = ServiceProcess.start("orchestrator", logs, Map.of(), orchestratorArgs)) {
          ManagedChannel channel = channel(orchestrator);
          var api = OrchestratorServiceGrpc.newBlockingStub(channel);
          runId = api.submit(SubmitRequest.newBuilder().setSpecYaml(SPEC).setSource("it.yaml").build()).getRunId();
          // kill it once it has asked the sae-service for the SAE: capture and probes are done or under way,
          // the SAE's measuring is not; the restarted orchestrator asks again and the job is not trained twice
          await(api, runId, r -> r.getStepsList().stream().anyMatch(s -> s.getName().equals("sae")
              && s.getPhase() == StepPhase.STEP_PHASE_RUNNING && s.getMessage().contains("sae-service")));
          orchestrator.kill();
          channel.shutdownNow();
        }
        try (ServiceProcess orchestrator = ServiceProcess.start("orchestrator", logs, Map.of(), orchestratorArgs)) {
          assertTrue(orchestrator.log().contains("(resumed 1 runs)"), orchestrator.log());
          ManagedChannel channel = channel(orchestrator);
          var api = OrchestratorServiceGrpc.newBlockingStub(channel);
          RunStatus done = await(api, runId, r -> r.getPhase() != RunPhase.RUN_PHASE_RUNNING
              && r.getPhase() != RunPhase.RUN_PHASE_PENDING);
          assertEquals(RunPhase.RUN_PHASE_SUCCEEDED, done.getPhase(), done.toString());
          Map<String, StepPhase> phases = new HashMap<>();
          done.getStepsList().forEach(s -> phases.put(s.getName(), s.getPhase()));
          assertEquals(Map.of("capture", StepPhase.STEP_PHASE_SUCCEEDED, "probes", StepPhase.STEP_PHASE_SUCCEEDED,
              "sae", StepPhase.STEP_PHASE_SUCCEEDED, "report", StepPhase.STEP_PHASE_SUCCEEDED), phases);
          channel.shutdownNow();
        }
        // the capture ran once: one dataset of every row, its shards in S3, its probes published once
        try (ActivationStoreClient client = new ActivationStoreClient("127.0.0.1", store.port(), 60)) {
          var datasets = client.list(dev.kibitz.proto.v1.ListDatasetsRequest.getDefaultInstance());
          assertEquals(1, datasets.size());
          assertEquals(rows, datasets.get(0).getRows());
          assertEquals(6, client.dataset(datasets.get(0).getId()).getBatchesCount());
          assertEquals(5, client.artifacts("probe", datasets.get(0).getId()).size(), "4 probe directions + results");
          assertEquals(2, client.artifacts("sae", datasets.get(0).getId()).size(), "weights + config, once");
        }
      }
    }
  }

  private static ManagedChannel channel(ServiceProcess p) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", p.port()).usePlaintext().build();
  }

  private static RunStatus await(OrchestratorServiceGrpc.OrchestratorServiceBlockingStub api, String runId,
      Predicate<RunStatus> until) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
    RunStatus r = null;
    while (System.nanoTime() < deadline) {
      r = api.withDeadlineAfter(30, TimeUnit.SECONDS).getRun(RunRequest.newBuilder().setRunId(runId).build());
      if (until.test(r)) {
        return r;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("run " + runId + " never got there; last: " + r);
  }
}

package dev.kibitz.orchestrator.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.orchestrator.run.ExperimentRunner;
import dev.kibitz.orchestrator.spec.SpecValidator;
import dev.kibitz.orchestrator.state.JdbcRunStore;
import dev.kibitz.orchestrator.testing.TestSteps;
import dev.kibitz.proto.v1.ListRunsRequest;
import dev.kibitz.proto.v1.OrchestratorServiceGrpc;
import dev.kibitz.proto.v1.RunPhase;
import dev.kibitz.proto.v1.RunRequest;
import dev.kibitz.proto.v1.RunStatus;
import dev.kibitz.proto.v1.RunUpdate;
import dev.kibitz.proto.v1.StepPhase;
import dev.kibitz.proto.v1.SubmitRequest;
import dev.kibitz.proto.v1.WatchRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrator's API over real gRPC on loopback, driving the runner with the test step types. */
class OrchestratorServiceTest {
  private static final String CHAIN = """
      name: chain
      steps:
        - {name: a, type: add, params: {value: 2}}
        - {name: b, type: add, needs: a, params: {value: 3, from: a}}
      """;

  @TempDir
  Path dir;
  private final TestSteps steps = new TestSteps();
  private JdbcRunStore store;
  private ExperimentRunner runner;
  private GrpcOrchestratorServer server;
  private ManagedChannel channel;
  private OrchestratorServiceGrpc.OrchestratorServiceBlockingStub stub;

  @BeforeEach
  void start() throws Exception {
    store = JdbcRunStore.embedded(dir);
    runner = new ExperimentRunner(new SpecValidator(steps.types(), TestSteps.catalog()), store, Map.of(),
        dir.resolve("runs"), 2);
    server = GrpcOrchestratorServer.start("127.0.0.1", 0, runner);
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    stub = OrchestratorServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.endpoint().stop(5, () -> { });
    runner.close();
    store.close();
  }

  private static SubmitRequest spec(String yaml) {
    return SubmitRequest.newBuilder().setSpecYaml(yaml).setSource("test.yaml").build();
  }

  @Test
  void aSubmittedRunIsWatchedToItsEnd() {
    String id = stub.submit(spec(CHAIN)).getRunId();
    List<RunUpdate> updates = new ArrayList<>();
    for (Iterator<RunUpdate> it = stub.watch(WatchRequest.newBuilder().setRunId(id).build()); it.hasNext(); ) {
      updates.add(it.next());
    }
    assertTrue(updates.get(0).hasStatus());
    assertEquals(id, updates.get(0).getStatus().getRunId());
    RunUpdate last = updates.get(updates.size() - 1);
    if (last.hasEvent()) {
      assertEquals("", last.getEvent().getStep());
      assertEquals("SUCCEEDED", last.getEvent().getState());
    } else {
      assertEquals(RunPhase.RUN_PHASE_SUCCEEDED, last.getStatus().getPhase());
    }
    RunStatus done = stub.getRun(RunRequest.newBuilder().setRunId(id).build());
    assertEquals(RunPhase.RUN_PHASE_SUCCEEDED, done.getPhase());
    assertEquals(List.of("a", "b"), done.getStepsList().stream().map(s -> s.getName()).toList());
    assertTrue(done.getStepsList().stream().allMatch(s -> s.getPhase() == StepPhase.STEP_PHASE_SUCCEEDED));
    assertEquals(64, done.getSteps(0).getDigest().length());
    assertEquals(CHAIN, done.getSpecYaml());
    assertEquals(List.of(id), stub.listRuns(ListRunsRequest.getDefaultInstance()).getRunsList().stream()
        .map(RunStatus::getRunId).toList());
  }

  @Test
  void everyProblemOfABadSpecComesBackAtOnce() {
    String bad = "name: bad\nsteps:\n  - {name: a, type: nope}\n  - {name: b, type: add, needs: [ghost], "
        + "params: {value: 1.5}}\n";
    var problems = stub.validate(spec(bad)).getProblemsList();
    assertEquals(List.of("step 'b'", "step 'a'", "step 'b' params.value"),
        problems.stream().map(p -> p.getWhere()).toList());
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.submit(spec(bad)));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().startsWith("test.yaml has 3 problems:"), e.getStatus().getDescription());
    assertEquals(0, stub.validate(spec(CHAIN)).getProblemsCount());
    assertEquals(Status.Code.INVALID_ARGUMENT, assertThrows(StatusRuntimeException.class,
        () -> stub.submit(spec(" "))).getStatus().getCode());
  }

  @Test
  void cancelEndsARunningRunAndUnknownRunsAreNotFound() throws Exception {
    String id = stub.submit(spec(CHAIN.replace("{value: 2}", "{value: 2, gate: never}"))).getRunId();
    assertTrue(steps.started("a").await(30, TimeUnit.SECONDS));
    stub.cancel(RunRequest.newBuilder().setRunId(id).build());
    runner.handle(id).ifPresent(h -> h.done().join());
    assertEquals(RunPhase.RUN_PHASE_CANCELLED, stub.getRun(RunRequest.newBuilder().setRunId(id).build()).getPhase());
    assertEquals(Status.Code.FAILED_PRECONDITION, assertThrows(StatusRuntimeException.class,
        () -> stub.cancel(RunRequest.newBuilder().setRunId(id).build())).getStatus().getCode());
    for (var call : List.<Runnable>of(() -> stub.getRun(RunRequest.newBuilder().setRunId("nope").build()),
        () -> stub.cancel(RunRequest.newBuilder().setRunId("nope").build()),
        () -> stub.watch(WatchRequest.newBuilder().setRunId("nope").build()).hasNext())) {
      assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class, call::run).getStatus()
          .getCode());
    }
  }
}

package dev.kibitz.orchestrator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.orchestrator.spec.InvalidSpecException;
import dev.kibitz.orchestrator.spec.SpecValidator;
import dev.kibitz.orchestrator.state.JdbcRunStore;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.orchestrator.state.RunState;
import dev.kibitz.orchestrator.state.StepState;
import dev.kibitz.orchestrator.testing.TestSteps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {
  private static final String DIAMOND = """
      name: diamond
      steps:
        - {name: top, type: add, params: {value: 1}}
        - {name: left, type: add, needs: top, params: {value: 10, from: top}}
        - {name: right, type: add, needs: top, params: {value: 100, from: top}}
        - {name: bottom, type: add, needs: [left, right], params: {from: [left, right]}}
      """;

  @TempDir
  Path dir;
  private final TestSteps steps = new TestSteps();
  private final List<RunEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();

  private ExperimentRunner runner() {
    return runner(4);
  }

  private ExperimentRunner runner(int parallelism) {
    JdbcRunStore store = JdbcRunStore.embedded(dir);
    ExperimentRunner r = new ExperimentRunner(new SpecValidator(steps.types(), TestSteps.catalog()), store, Map.of(),
        dir.resolve("runs"), parallelism);
    r.addListener(events::add);
    open.add(store);
    open.add(r);
    return r;
  }

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private static Map<String, StepState> states(RunRecord r) {
    Map<String, StepState> m = new LinkedHashMap<>();
    r.steps().forEach(s -> m.put(s.name(), s.state()));
    return m;
  }

  /**
   * With one worker, a step that waits on another service must not hold it: the worker step starts
   * while the waiting one is still waiting (were the waiter on the worker, the second step could only
   * start after the gate opens, and the latch below would time out).
   */
  @Test
  void aStepWaitingOnAnotherServiceTakesNoWorker() throws Exception {
    ExperimentRunner runner = runner(1);
    RunHandle h = runner.submit("""
        name: waiting
        steps:
          - {name: waiter, type: add-elsewhere, params: {value: 1, gate: service}}
          - {name: worker, type: add, params: {value: 2}}
          - {name: sum, type: add, needs: [waiter, worker], params: {from: [waiter, worker]}}
        """, "waiting.yaml");
    assertTrue(steps.started("waiter").await(30, TimeUnit.SECONDS));
    assertTrue(steps.started("worker").await(30, TimeUnit.SECONDS), "the worker step waited for the waiter");
    steps.gate("service").countDown();
    RunRecord r = h.await(60, TimeUnit.SECONDS);
    assertEquals(RunState.SUCCEEDED, r.state(), r.message());
    assertEquals(3, runner.store().output(r.steps().get(2).digest()).orElseThrow().get("value").getAsLong());
  }

  @Test
  void stepsRunInDependencyOrderAndOutputsFlowDownstream() throws Exception {
    ExperimentRunner runner = runner();
    RunRecord r = runner.submit(DIAMOND, "diamond.yaml").await(60, TimeUnit.SECONDS);
    assertEquals(RunState.SUCCEEDED, r.state(), r.message());
    assertEquals(Map.of("top", StepState.SUCCEEDED, "left", StepState.SUCCEEDED, "right", StepState.SUCCEEDED,
        "bottom", StepState.SUCCEEDED), states(r));
    // top = 1, left = 11, right = 101, bottom = 112
    String bottomDigest = r.steps().get(3).digest();
    assertEquals(112, runner.store().output(bottomDigest).orElseThrow().get("value").getAsLong());
    assertEquals(4, r.stepsDone());
    List<String> started = events.stream().filter(e -> !e.isRunEvent() && "RUNNING".equals(e.state()) && e.progress() == 0)
        .map(RunEvent::step).toList();
    assertEquals("top", started.get(0));
    assertEquals("bottom", started.get(3));
  }

  @Test
  void independentStepsRunAtTheSameTime() throws Exception {
    // each waits at the other's gate, opened only once the other has started: one at a time would time out
    steps.started("left");
    steps.started("right");
    Thread opener = new Thread(() -> {
      try {
        steps.started("left").await(30, TimeUnit.SECONDS);
        steps.started("right").await(30, TimeUnit.SECONDS);
        steps.gate("both").countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    opener.start();
    String yaml = DIAMOND.replace("{value: 10, from: top}", "{value: 10, from: top, gate: both}")
        .replace("{value: 100, from: top}", "{value: 100, from: top, gate: both}");
    RunRecord r = runner().submit(yaml, "parallel.yaml").await(60, TimeUnit.SECONDS);
    assertEquals(RunState.SUCCEEDED, r.state(), r.message());
  }

  @Test
  void aFinishedExperimentRerunsNoStep() throws Exception {
    ExperimentRunner runner = runner();
    RunRecord first = runner.submit(DIAMOND, "diamond.yaml").await(60, TimeUnit.SECONDS);
    RunRecord second = runner.submit(DIAMOND, "diamond.yaml").await(60, TimeUnit.SECONDS);
    assertEquals(RunState.SUCCEEDED, second.state());
    assertEquals(Map.of("top", StepState.CACHED, "left", StepState.CACHED, "right", StepState.CACHED,
        "bottom", StepState.CACHED), states(second));
    for (String s : List.of("top", "left", "right", "bottom")) {
      assertEquals(1, steps.runs(s), s);
    }
    assertTrue(first.steps().stream().allMatch(s -> s.seconds() >= 0), first.steps().toString());
    assertTrue(second.steps().stream().allMatch(s -> s.startedAt() == null && s.finishedAt() != null),
        "cached steps never started: " + second.steps());
    assertEquals(first.steps().stream().map(RunRecord.StepRecord::digest).toList(),
        second.steps().stream().map(RunRecord.StepRecord::digest).toList());

    // changing one parameter reruns that step and everything downstream of it, nothing else
    RunRecord third = runner.submit(DIAMOND.replace("{value: 100,", "{value: 200,"), "changed.yaml")
        .await(60, TimeUnit.SECONDS);
    assertEquals(Map.of("top", StepState.CACHED, "left", StepState.CACHED, "right", StepState.SUCCEEDED,
        "bottom", StepState.SUCCEEDED), states(third));
    assertEquals(212, runner.store().output(third.steps().get(3).digest()).orElseThrow().get("value").getAsLong());
  }

  @Test
  void aFailedStepBlocksItsDependentsOnly() throws Exception {
    String yaml = DIAMOND.replace("{value: 10, from: top}", "{value: 10, from: top, fail: true}");
    RunRecord r = runner().submit(yaml, "fails.yaml").await(60, TimeUnit.SECONDS);
    assertEquals(RunState.FAILED, r.state());
    assertEquals("failed steps: left", r.message());
    assertEquals(Map.of("top", StepState.SUCCEEDED, "left", StepState.FAILED, "right", StepState.SUCCEEDED,
        "bottom", StepState.BLOCKED), states(r));
    assertEquals("failed on purpose", r.steps().get(1).message());
    assertEquals(0, steps.runs("bottom"));
  }

  @Test
  void cancellingStopsTheRunningStepAndTheRest() throws Exception {
    ExperimentRunner runner = runner();
    String yaml = DIAMOND.replace("{value: 1}", "{value: 1, gate: never}");
    RunHandle h = runner.submit(yaml, "cancel.yaml");
    assertTrue(steps.started("top").await(30, TimeUnit.SECONDS));
    assertTrue(runner.cancel(h.runId()));
    RunRecord r = h.await(60, TimeUnit.SECONDS);
    assertEquals(RunState.CANCELLED, r.state());
    assertEquals(Map.of("top", StepState.CANCELLED, "left", StepState.CANCELLED, "right", StepState.CANCELLED,
        "bottom", StepState.CANCELLED), states(r));
    assertEquals(0, steps.runs("left"));
  }

  @Test
  void aRestartedRunnerResumesTheRunAndSkipsFinishedSteps() throws Exception {
    ExperimentRunner first = runner();
    String yaml = DIAMOND.replace("{value: 100, from: top}", "{value: 100, from: top, gate: later}");
    RunHandle h = first.submit(yaml, "restart.yaml");
    assertTrue(steps.started("right").await(30, TimeUnit.SECONDS));
    // left may still be running; wait until it is stored as done, then "crash"
    JdbcRunStore store = (JdbcRunStore) first.store();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (states(store.run(h.runId()).orElseThrow()).get("left") != StepState.SUCCEEDED
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    first.close();
    open.remove(first);
    assertEquals(RunState.RUNNING, store.run(h.runId()).orElseThrow().state());

    steps.gate("later").countDown();
    ExperimentRunner second = new ExperimentRunner(new SpecValidator(steps.types(), TestSteps.catalog()), store,
        Map.of(), dir.resolve("runs"), 4);
    open.add(second);
    List<RunHandle> resumed = second.resumeUnfinished();
    assertEquals(List.of(h.runId()), resumed.stream().map(RunHandle::runId).toList());
    RunRecord r = resumed.get(0).await(60, TimeUnit.SECONDS);
    assertEquals(RunState.SUCCEEDED, r.state(), r.message());
    assertEquals(Map.of("top", StepState.SUCCEEDED, "left", StepState.SUCCEEDED, "right", StepState.SUCCEEDED,
        "bottom", StepState.SUCCEEDED), states(r));
    assertEquals(1, steps.runs("top"));
    assertEquals(1, steps.runs("left"));
    assertEquals(2, steps.runs("right"), "interrupted by the crash, so run again");
    assertEquals(1, steps.runs("bottom"));
    assertEquals(112, store.output(r.steps().get(3).digest()).orElseThrow().get("value").getAsLong());
  }

  @Test
  void anInvalidSpecStartsNoRun() {
    ExperimentRunner runner = runner();
    assertThrows(InvalidSpecException.class, () -> runner.submit("name: x\nsteps: [{name: a, type: nope}]\n", "x"));
    assertEquals(0, runner.store().runs(10).size());
  }
}

package dev.kibitz.orchestrator.run;

import dev.kibitz.orchestrator.spec.InvalidSpecException;
import dev.kibitz.orchestrator.spec.SpecValidator;
import dev.kibitz.orchestrator.spec.StepSpec;
import dev.kibitz.orchestrator.spec.ValidatedExperiment;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.orchestrator.state.RunState;
import dev.kibitz.orchestrator.state.RunStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs validated experiments: steps in dependency order, independent ones in parallel on a shared pool
 * of {@code parallelism} threads, each skipped when the store already holds an output for its digest.
 * Every state change goes to the {@link RunStore} first, so a new runner over the same store resumes
 * what an old one (killed, say) left unfinished: finished steps come back from the cache.
 */
public final class ExperimentRunner implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SpecValidator validator;
  private final RunStore store;
  private final Map<Class<?>, Object> services;
  private final Path workDir;
  private final ExecutorService steps;
  private final ExecutorService coordinators = Executors.newCachedThreadPool(r -> daemon(r, "run-coordinator"));
  private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, RunExecution> active = new ConcurrentHashMap<>();

  /**
   * @param services what steps reach through {@code StepContext.service}, by type
   * @param workDir runs write their files to {@code workDir/<run id>/}
   */
  public ExperimentRunner(SpecValidator validator, RunStore store, Map<Class<?>, Object> services, Path workDir,
      int parallelism) {
    this.validator = validator;
    this.store = store;
    this.services = Map.copyOf(services);
    this.workDir = workDir;
    this.steps = Executors.newFixedThreadPool(parallelism, r -> daemon(r, "run-step"));
  }

  /** Steps that take no worker (they wait on another service) run here, unbounded. */
  private final ExecutorService waiting = Executors.newCachedThreadPool(r -> daemon(r, "run-step-waiting"));

  public SpecValidator validator() {
    return validator;
  }

  public RunStore store() {
    return store;
  }

  public void addListener(RunListener l) {
    listeners.add(l);
  }

  public void removeListener(RunListener l) {
    listeners.remove(l);
  }

  /** Validates the spec (all problems at once), records a new run and starts it. */
  public RunHandle submit(String yaml, String source) throws InvalidSpecException {
    ValidatedExperiment experiment = validator.validate(yaml, source);
    String id = newRunId(experiment.spec().name());
    Map<String, String> digests = digests(experiment);
    List<RunRecord.StepRecord> records = new ArrayList<>();
    for (StepSpec s : experiment.order()) {
      records.add(RunRecord.StepRecord.pending(s.name(), s.type(), digests.get(s.name())));
    }
    store.createRun(id, experiment.spec().name(), yaml, records);
    return start(id, experiment, digests);
  }

  /**
   * Resumes every run the store says is unfinished. A run whose spec no longer validates (a model was
   * removed, say) is marked FAILED with the problems.
   */
  public List<RunHandle> resumeUnfinished() {
    List<RunHandle> out = new ArrayList<>();
    for (RunRecord r : store.unfinished()) {
      if (active.containsKey(r.id())) {
        continue;
      }
      try {
        ValidatedExperiment experiment = validator.validate(r.spec(), "run " + r.id());
        out.add(start(r.id(), experiment, digests(experiment)));
      } catch (InvalidSpecException e) {
        store.runState(r.id(), RunState.FAILED, "cannot resume: " + e.getMessage());
      }
    }
    return out;
  }

  /** Cancels a run that is in progress here; false if it is not. */
  public boolean cancel(String runId) {
    RunExecution e = active.get(runId);
    if (e == null) {
      return false;
    }
    e.cancel();
    return true;
  }

  public Optional<RunHandle> handle(String runId) {
    return Optional.ofNullable(active.get(runId)).map(RunExecution::handle);
  }

  /** Digests in dependency order, each over its needs' digests. */
  static Map<String, String> digests(ValidatedExperiment experiment) {
    Map<String, String> out = new HashMap<>();
    for (StepSpec s : experiment.order()) {
      Map<String, String> needs = new HashMap<>();
      s.needs().forEach(n -> needs.put(n, out.get(n)));
      out.put(s.name(), StepDigest.of(s, experiment.types().get(s.name()), needs));
    }
    return out;
  }

  private RunHandle start(String id, ValidatedExperiment experiment, Map<String, String> digests) {
    RunExecution e = new RunExecution(id, experiment, digests, store, services, workDir.resolve(id), steps,
        waiting, this::emit, () -> active.remove(id));
    active.put(id, e);
    coordinators.submit(e::run);
    return e.handle();
  }

  private void emit(RunEvent event) {
    for (RunListener l : listeners) {
      l.onEvent(event);
    }
  }

  private static String newRunId(String experiment) {
    byte[] b = new byte[3];
    RANDOM.nextBytes(b);
    String prefix = experiment.length() > 40 ? experiment.substring(0, 40) : experiment;
    return prefix + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
        + HexFormat.of().formatHex(b);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Stops at once, as a crash would: running steps are interrupted and runs stay unfinished in the
   * store, so the next runner resumes them. (To end a run for good, {@link #cancel} it.)
   */
  @Override
  public void close() throws InterruptedException {
    active.values().forEach(RunExecution::abandon);
    coordinators.shutdownNow();
    steps.shutdownNow();
    waiting.shutdownNow();
    coordinators.awaitTermination(30, TimeUnit.SECONDS);
    steps.awaitTermination(30, TimeUnit.SECONDS);
  }
}

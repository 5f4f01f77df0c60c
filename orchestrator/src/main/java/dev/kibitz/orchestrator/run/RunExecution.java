package dev.kibitz.orchestrator.run;

import com.google.gson.JsonObject;
import dev.kibitz.orchestrator.spec.StepSpec;
import dev.kibitz.orchestrator.spec.ValidatedExperiment;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.orchestrator.state.RunState;
import dev.kibitz.orchestrator.state.RunStore;
import dev.kibitz.orchestrator.state.StepState;
import dev.kibitz.orchestrator.step.StepType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** One run's coordinator: starts each step when its needs have outputs, records every state change. */
final class RunExecution {
  private final String id;
  private final ValidatedExperiment experiment;
  private final Map<String, String> digests;
  private final RunStore store;
  private final Map<Class<?>, Object> services;
  private final Path runDir;
  private final ExecutorCompletionService<StepOutcome> pool;
  private final ExecutorCompletionService<StepOutcome> waitingPool;
  private final Consumer<RunEvent> events;
  private final Runnable onEnd;
  private final CompletableFuture<RunRecord> done = new CompletableFuture<>();
  private final Map<String, StepState> states = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, JsonObject> outputs = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Future<StepOutcome>> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean cancelled;
  private volatile boolean abandoned;

  private record StepOutcome(String step, JsonObject output, String error) {}

  RunExecution(String id, ValidatedExperiment experiment, Map<String, String> digests, RunStore store,
      Map<Class<?>, Object> services, Path runDir, ExecutorService steps, ExecutorService waiting,
      Consumer<RunEvent> events, Runnable onEnd) {
    this.id = id;
    this.experiment = experiment;
    this.digests = digests;
    this.store = store;
    this.services = services;
    this.runDir = runDir;
    // One completion queue: a step's end is taken the same way whichever pool ran it.
    java.util.concurrent.BlockingQueue<Future<StepOutcome>> ended = new java.util.concurrent.LinkedBlockingQueue<>();
    this.pool = new ExecutorCompletionService<>(steps, ended);
    this.waitingPool = new ExecutorCompletionService<>(waiting, ended);
    this.events = events;
    this.onEnd = onEnd;
  }

  RunHandle handle() {
    return new RunHandle(id, done);
  }

  void cancel() {
    cancelled = true;
    inFlight.values().forEach(f -> f.cancel(true));
  }

  /** The runner is going away: leave the stored states as they are so that a later runner resumes. */
  void abandon() {
    abandoned = true;
    inFlight.values().forEach(f -> f.cancel(true));
  }

  void run() {
    try {
      Files.createDirectories(runDir);
      restoreFinishedSteps();
      setRun(RunState.RUNNING, "");
      while (true) {
        startReadySteps();
        if (inFlight.isEmpty()) {
          break;
        }
        Future<StepOutcome> f = pool.take();
        if (abandoned) {
          done.completeExceptionally(new CancellationException("runner closed; run " + id + " left to resume"));
          return;
        }
        finish(f);
      }
      endRun();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.completeExceptionally(new CancellationException("runner closed; run " + id + " left to resume"));
    } catch (Exception e) {
      if (!abandoned) {
        try {
          setRun(RunState.FAILED, "orchestrator error: " + e);
        } catch (RuntimeException again) { // the run store itself is failing: still answer the waiters
          e.addSuppressed(again);
        }
      }
      done.completeExceptionally(e);
    } finally {
      // Whatever ended the coordinator (an Error included), nobody may wait on the run forever.
      done.completeExceptionally(new IllegalStateException("run " + id + " coordinator ended without a result"));
      onEnd.run();
    }
  }

  /** After a restart: steps that finished before keep their state and outputs; the rest start over. */
  private void restoreFinishedSteps() {
    Map<String, StepState> stored = new HashMap<>();
    store.run(id).ifPresent(r -> r.steps().forEach(s -> stored.put(s.name(), s.state())));
    for (StepSpec s : experiment.order()) {
      StepState was = stored.getOrDefault(s.name(), StepState.PENDING);
      Optional<JsonObject> out = was.hasOutput() ? store.output(digests.get(s.name())) : Optional.empty();
      if (out.isPresent()) {
        states.put(s.name(), was);
        outputs.put(s.name(), out.get());
      } else {
        states.put(s.name(), StepState.PENDING);
        if (was != StepState.PENDING) {
          setStep(s.name(), StepState.PENDING, 0, "restarted");
        }
      }
    }
  }

  /** Starts (or takes from the cache) every pending step whose needs all have outputs; blocks the hopeless. */
  private void startReadySteps() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (StepSpec s : experiment.order()) {
        if (states.get(s.name()) != StepState.PENDING || inFlight.containsKey(s.name())) {
          continue;
        }
        if (cancelled) {
          setStep(s.name(), StepState.CANCELLED, 0, "run cancelled");
          changed = true;
        } else if (s.needs().stream().anyMatch(n -> states.get(n).isFinal() && !states.get(n).hasOutput())) {
          setStep(s.name(), StepState.BLOCKED, 0, "a step it needs did not finish");
          changed = true;
        } else if (s.needs().stream().allMatch(n -> states.get(n).hasOutput())) {
          Optional<JsonObject> cached = store.output(digests.get(s.name()));
          if (cached.isPresent()) {
            outputs.put(s.name(), cached.get());
            setStep(s.name(), StepState.CACHED, 1, "output reused from an earlier run");
          } else {
            // RUNNING is recorded when a pool thread takes it: queued steps stay PENDING
            boolean worker = experiment.types().get(s.name()).takesWorker(services::get);
            Future<StepOutcome> f = (worker ? pool : waitingPool).submit(() -> runStep(s));
            inFlight.put(s.name(), f);
            // cancel() may have run between submit and put (the step already started): it saw no
            // future to cancel, so cancel it here; cancel() writes its flag before reading inFlight.
            if (cancelled || abandoned) {
              f.cancel(true);
            }
          }
          changed = true;
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private StepOutcome runStep(StepSpec s) {
    StepType<Object> type = (StepType<Object>) experiment.types().get(s.name());
    Context ctx = new Context(s.name());
    setStep(s.name(), StepState.RUNNING, 0, "");
    try {
      JsonObject output = type.run(experiment.configs().get(s.name()), ctx);
      store.putOutput(digests.get(s.name()), s.type(), output);
      return new StepOutcome(s.name(), output, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new StepOutcome(s.name(), null, "interrupted");
    } catch (Exception | LinkageError e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      return new StepOutcome(s.name(), null, message);
    }
  }

  private void finish(Future<StepOutcome> f) throws InterruptedException {
    String name = inFlight.entrySet().stream().filter(e -> e.getValue() == f).map(Map.Entry::getKey).findFirst()
        .orElseThrow();
    inFlight.remove(name);
    StepOutcome o;
    try {
      o = f.get();
    } catch (CancellationException e) {
      setStep(name, StepState.CANCELLED, 0, "run cancelled");
      return;
    } catch (ExecutionException e) {
      setStep(name, StepState.FAILED, 0, String.valueOf(e.getCause()));
      return;
    }
    if (o.error() != null) {
      setStep(name, cancelled ? StepState.CANCELLED : StepState.FAILED, 0, o.error());
    } else {
      outputs.put(name, o.output());
      setStep(name, StepState.SUCCEEDED, 1, "");
    }
  }

  private void endRun() {
    for (JsonObject o : outputs.values()) {
      if (o.has("report") && o.get("report").isJsonPrimitive()) {
        store.runReport(id, o.get("report").getAsString());
      }
    }
    List<String> failed = new ArrayList<>();
    states.forEach((k, v) -> {
      if (v == StepState.FAILED) {
        failed.add(k);
      }
    });
    if (cancelled) {
      setRun(RunState.CANCELLED, "cancelled");
    } else if (!failed.isEmpty() || states.containsValue(StepState.BLOCKED)) {
      java.util.Collections.sort(failed);
      setRun(RunState.FAILED, "failed steps: " + String.join(", ", failed));
    } else {
      setRun(RunState.SUCCEEDED, "");
    }
    done.complete(store.run(id).orElseThrow());
  }

  private synchronized void setStep(String step, StepState state, double progress, String message) {
    states.put(step, state);
    store.stepState(id, step, state, progress, message);
    events.accept(new RunEvent(id, step, state.name(), progress, message, Instant.now()));
  }

  private void setRun(RunState state, String message) {
    store.runState(id, state, message);
    events.accept(new RunEvent(id, null, state.name(), 0, message, Instant.now()));
  }

  /** A running step's view; progress is stored at most once a second, and always sent as an event. */
  private final class Context implements dev.kibitz.orchestrator.step.StepContext {
    private final String step;
    private long lastStored;

    Context(String step) {
      this.step = step;
    }

    @Override
    public String runId() {
      return id;
    }

    @Override
    public String step() {
      return step;
    }

    @Override
    public JsonObject output(String other) {
      JsonObject o = outputs.get(other);
      if (o == null) {
        throw new IllegalStateException("step '" + step + "' read the output of '" + other + "', which it does not need");
      }
      return o;
    }

    @Override
    public <T> T service(Class<T> type) {
      Object s = services.get(type);
      if (s == null) {
        throw new IllegalStateException("this orchestrator has no " + type.getSimpleName() + " configured");
      }
      return type.cast(s);
    }

    @Override
    public Path runDir() {
      return runDir;
    }

    @Override
    public void progress(double fraction, String message) {
      double f = Math.max(0, Math.min(1, fraction));
      long now = System.nanoTime();
      if (now - lastStored > 1_000_000_000L) {
        lastStored = now;
        store.stepState(id, step, StepState.RUNNING, f, message);
      }
      events.accept(new RunEvent(id, step, StepState.RUNNING.name(), f, message, Instant.now()));
    }

    @Override
    public boolean cancelled() {
      return cancelled || abandoned || Thread.currentThread().isInterrupted();
    }
  }
}

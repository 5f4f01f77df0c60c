package dev.kibitz.orchestrator.state;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;

/** Durable run state and the step-result cache: what lets a restarted orchestrator resume, and reruns skip work. */
public interface RunStore {
  /** Records a new run with its steps (name, type, digest) in dependency order, all PENDING. */
  void createRun(String id, String experiment, String spec, List<RunRecord.StepRecord> steps);

  void runState(String id, RunState state, String message);

  void runReport(String id, String report);

  void stepState(String runId, String step, StepState state, double progress, String message);

  Optional<RunRecord> run(String id);

  /** Newest first, at most {@code limit}. */
  List<RunRecord> runs(int limit);

  /** Runs that were PENDING or RUNNING: after a restart they are resumed. */
  List<RunRecord> unfinished();

  /** The output cached for a step digest. */
  Optional<JsonObject> output(String digest);

  /** Caches a step's output; a second put of the same digest keeps the first (outputs are deterministic). */
  void putOutput(String digest, String type, JsonObject output);
}

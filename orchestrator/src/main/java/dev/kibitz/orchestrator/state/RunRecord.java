package dev.kibitz.orchestrator.state;

import java.time.Instant;
import java.util.List;

/** A run as stored: its spec text, state, report location and steps in dependency order. */
public record RunRecord(String id, String experiment, String spec, RunState state, String message, String report,
    Instant createdAt, Instant updatedAt, List<StepRecord> steps) {

  /** One step of a run. */
  public record StepRecord(String name, String type, String digest, StepState state, double progress,
      String message) {}

  public RunRecord {
    steps = List.copyOf(steps);
  }

  public long stepsDone() {
    return steps.stream().filter(s -> s.state().isFinal()).count();
  }
}

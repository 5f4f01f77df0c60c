package dev.kibitz.orchestrator.state;

/**
 * Where a step of a run is. CACHED: its output was already known from an earlier run with the same
 * inputs, so it did not run. BLOCKED: a step it needs failed or was cancelled.
 */
public enum StepState {
  PENDING, RUNNING, SUCCEEDED, CACHED, FAILED, BLOCKED, CANCELLED;

  public boolean isFinal() {
    return this != PENDING && this != RUNNING;
  }

  /** Finished with an output that dependent steps can use. */
  public boolean hasOutput() {
    return this == SUCCEEDED || this == CACHED;
  }
}

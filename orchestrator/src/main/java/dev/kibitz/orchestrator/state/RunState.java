package dev.kibitz.orchestrator.state;

/** Where a run is; the last three are final. */
public enum RunState {
  PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}

package dev.kibitz.orchestrator.state;

import java.time.Instant;
import java.util.List;

/** A run as stored: its spec text, state, report location and steps in dependency order. */
public record RunRecord(String id, String experiment, String spec, RunState state, String message, String report,
    Instant createdAt, Instant updatedAt, List<StepRecord> steps) {

  /**
   * One step of a run.
   *
   * @param startedAt when it last started running (null if it never ran: pending, cached, blocked)
   * @param finishedAt when it reached a final state (null while not final)
   */
  public record StepRecord(String name, String type, String digest, StepState state, double progress,
      String message, Instant startedAt, Instant finishedAt) {

    /** A step that has not started. */
    public static StepRecord pending(String name, String type, String digest) {
      return new StepRecord(name, type, digest, StepState.PENDING, 0, "", null, null);
    }

    /** Seconds from start to end, or NaN if it did not run to an end. */
    public double seconds() {
      return startedAt == null || finishedAt == null ? Double.NaN
          : java.time.Duration.between(startedAt, finishedAt).toNanos() / 1e9;
    }
  }

  public RunRecord {
    steps = List.copyOf(steps);
  }

  public long stepsDone() {
    return steps.stream().filter(s -> s.state().isFinal()).count();
  }
}

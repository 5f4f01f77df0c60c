package dev.kibitz.orchestrator.run;

import java.time.Instant;

/**
 * Something that happened in a run: a step changed state or reported progress ({@code step} set), or
 * the run itself changed state ({@code step} null).
 */
public record RunEvent(String runId, String step, String state, double progress, String message, Instant at) {
  public boolean isRunEvent() {
    return step == null;
  }
}

package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonObject;
import dev.kibitz.orchestrator.step.StepContext;
import java.nio.file.Path;

/** A step's context whose progress covers [from, to] of the step's: for one part of a longer step. */
record ScaledProgress(StepContext whole, double from, double to) implements StepContext {
  @Override
  public String runId() {
    return whole.runId();
  }

  @Override
  public String step() {
    return whole.step();
  }

  @Override
  public JsonObject output(String other) {
    return whole.output(other);
  }

  @Override
  public <T> T service(Class<T> type) {
    return whole.service(type);
  }

  @Override
  public Path runDir() {
    return whole.runDir();
  }

  @Override
  public void progress(double fraction, String message) {
    whole.progress(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
  }

  @Override
  public boolean cancelled() {
    return whole.cancelled();
  }
}

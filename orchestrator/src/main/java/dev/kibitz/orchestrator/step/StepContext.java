package dev.kibitz.orchestrator.step;

import com.google.gson.JsonObject;
import java.nio.file.Path;

/** What a running step can reach. */
public interface StepContext {
  /** The id of the run this step belongs to. */
  String runId();

  /** The name of the running step. */
  String step();

  /** The output of a step this one needs (directly or transitively). */
  JsonObject output(String step);

  /** A service of the mesh (a gRPC client, say), as the runner was given it. */
  <T> T service(Class<T> type);

  /** A folder for this run's files (the report, figures); shared by the run's steps. */
  Path runDir();

  /** Reports progress: {@code fraction} in [0, 1] and a short message. */
  void progress(double fraction, String message);

  /** True once the run was cancelled; long steps should check it and stop. */
  boolean cancelled();
}

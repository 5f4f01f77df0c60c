package dev.kibitz.orchestrator.run;

import dev.kibitz.orchestrator.state.RunRecord;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A run in progress: its id, and its final record once it ends. */
public record RunHandle(String runId, CompletableFuture<RunRecord> done) {
  public RunRecord await(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
      TimeoutException {
    return done.get(timeout, unit);
  }
}

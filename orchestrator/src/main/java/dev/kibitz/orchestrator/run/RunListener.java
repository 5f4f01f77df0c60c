package dev.kibitz.orchestrator.run;

/** Receives every event of every run; called on the runner's threads, so it must be quick. */
@FunctionalInterface
public interface RunListener {
  void onEvent(RunEvent event);
}

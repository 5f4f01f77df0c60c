package dev.kibitz.cli;

import dev.kibitz.orchestrator.run.RunEvent;
import dev.kibitz.orchestrator.run.RunListener;
import dev.kibitz.orchestrator.state.RunRecord;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Prints a run's events as lines: every state change, and a step's progress at most every 5 seconds. */
final class RunProgress implements RunListener {
  private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;
  private final PrintStream out;
  private final Map<String, Long> lastPrinted = new ConcurrentHashMap<>();
  private final long start = System.nanoTime();

  RunProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onEvent(RunEvent e) {
    long now = System.nanoTime();
    boolean progressOnly = !e.isRunEvent() && "RUNNING".equals(e.state()) && e.progress() > 0;
    if (progressOnly) {
      Long last = lastPrinted.get(e.step());
      if (last != null && now - last < PROGRESS_EVERY_NANOS) {
        return;
      }
    }
    if (!e.isRunEvent()) {
      lastPrinted.put(e.step(), now);
    }
    String who = e.isRunEvent() ? "run" : e.step();
    String pct = progressOnly ? String.format(" %3.0f%%", 100 * e.progress()) : "";
    out.printf("[%6.1fs] %-16s %s%s%s%n", (now - start) / 1e9, who, e.state(), pct,
        e.message().isEmpty() ? "" : "  " + e.message());
  }

  String summary(RunRecord r) {
    StringBuilder s = new StringBuilder("\nrun " + r.id() + ": " + r.state()
        + (r.message().isEmpty() ? "" : " (" + r.message() + ")") + "\n");
    for (RunRecord.StepRecord step : r.steps()) {
      String took = Double.isNaN(step.seconds()) ? "" : String.format("%7.1f s", step.seconds());
      s.append(String.format("  %-16s %-10s %9s  %s%n", step.name(), step.state(), took, step.message()));
    }
    if (!r.report().isEmpty()) {
      s.append("report: ").append(r.report()).append('\n');
    }
    return s.toString();
  }
}

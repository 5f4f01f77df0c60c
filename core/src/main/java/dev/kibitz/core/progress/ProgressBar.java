package dev.kibitz.core.progress;

import java.io.PrintStream;

/** A one-line text progress bar for long CLI work (training, benchmarks), redrawn in place on stderr. */
public final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final String label;
  private final long total;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private long lastDraw = start - REDRAW_NANOS;

  public ProgressBar(String label, long total) {
    this(label, total, System.err);
  }

  public ProgressBar(String label, long total, PrintStream out) {
    this.label = label;
    this.total = total;
    this.out = out;
  }

  /** Redraws at most every 200 ms, and always for the last step, which ends the line. */
  public void update(long done, String note) {
    long now = System.nanoTime();
    if (done != total && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
    double seconds = (now - start) / 1e9;
    out.printf("\r%-24s [%s%s] %d/%d %5.0fs %s", label, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total,
        seconds, note);
    if (done == total) {
      out.println();
    }
    out.flush();
  }

  public void update(long done) {
    update(done, "");
  }
}

package dev.kibitz.core.progress;

import java.io.PrintStream;

/** A one-line text progress bar for long CLI work (training, benchmarks), redrawn in place on stderr. */
public final class ProgressBar {
  private static final int WIDTH = 30;

  private final String label;
  private final long total;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private int lastFilled = -1;
  private String lastNote = "";

  public ProgressBar(String label, long total) {
    this(label, total, System.err);
  }

  public ProgressBar(String label, long total, PrintStream out) {
    this.label = label;
    this.total = total;
    this.out = out;
  }

  /** Redraws when the bar moves or the note changes; ends the line when done == total. */
  public void update(long done, String note) {
    int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
    if (filled == lastFilled && note.equals(lastNote) && done != total) {
      return;
    }
    lastFilled = filled;
    lastNote = note;
    double seconds = (System.nanoTime() - start) / 1e9;
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

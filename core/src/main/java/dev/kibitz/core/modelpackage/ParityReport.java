package dev.kibitz.core.modelpackage;

import java.util.List;
import java.util.Locale;

/**
 * How far a package's outputs under Kibitz are from the ones PyTorch recorded at export, per
 * compared tensor: every output, every boundary and extra capture, and every output after each
 * recorded edit. A tensor passes when every element has |a - b| <= abs + rel * |b|.
 */
public record ParityReport(double absTolerance, double relTolerance, List<Comparison> comparisons) {

  /**
   * @param name e.g. {@code output/logits}, {@code hook/stages.1}, {@code edit/zero-channels/output/value}
   * @param maxAbsError largest |a - b|
   * @param maxRelError largest |a - b| / |b| over elements with b != 0
   */
  public record Comparison(String name, double maxAbsError, double maxRelError, boolean passed) {}

  public ParityReport {
    comparisons = List.copyOf(comparisons);
  }

  public boolean passed() {
    return comparisons.stream().allMatch(Comparison::passed);
  }

  public double maxAbsError() {
    return comparisons.stream().mapToDouble(Comparison::maxAbsError).max().orElse(0);
  }

  public double maxRelError() {
    return comparisons.stream().mapToDouble(Comparison::maxRelError).max().orElse(0);
  }

  /** One line: verdict, worst errors, and the failing tensors. */
  public String summary() {
    List<String> failed = comparisons.stream().filter(c -> !c.passed())
        .map(c -> String.format(Locale.ROOT, "%s (max abs %.3g, max rel %.3g)", c.name(), c.maxAbsError(),
            c.maxRelError()))
        .toList();
    return String.format(Locale.ROOT, "%s: %d tensors compared, max abs error %.3g, max rel error %.3g "
        + "(tolerance abs %.3g + rel %.3g)%s", passed() ? "passed" : "FAILED", comparisons.size(), maxAbsError(),
        maxRelError(), absTolerance, relTolerance, failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed));
  }
}

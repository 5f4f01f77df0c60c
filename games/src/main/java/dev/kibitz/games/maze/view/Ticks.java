package dev.kibitz.games.maze.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value axis: its range and evenly spaced ticks at round numbers (1, 2 or 5 times a power of
 * ten). Values all within [0, 1] get the fixed probability axis 0, 0.2, ..., 1 so plots of
 * probabilities compare at a glance.
 */
record Ticks(double lo, double hi, double step) {

  static Ticks covering(double min, double max) {
    if (min >= 0 && max <= 1) {
      return new Ticks(0, 1, 0.2);
    }
    if (min == max) {
      double pad = Math.max(Math.abs(min) * 0.5, 1);
      min -= pad;
      max += pad;
    }
    double raw = (max - min) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / magnitude;
    double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
    return new Ticks(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
  }

  List<Double> values() {
    List<Double> out = new ArrayList<>();
    long n = Math.round((hi - lo) / step);
    for (long i = 0; i <= n; i++) {
      out.add(lo + i * step);
    }
    return out;
  }

  /** Enough decimals to tell ticks apart, no more. */
  String label(double v) {
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
  }

  /** Where {@code v} falls between lo (0) and hi (1). */
  double fraction(double v) {
    return (v - lo) / (hi - lo);
  }
}

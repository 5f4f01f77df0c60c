package dev.kibitz.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A benchmark runner: measures a candidate against a baseline in the same run, interleaved, and
 * returns its figures; the launcher prints them as one JSON line.
 */
public interface Bench {

  String name();

  String description();

  /** Runs the benchmark, printing progress to stderr; returns figures and ratios by name. */
  Map<String, Object> run() throws Exception;

  /** Median of timings in nanoseconds. */
  static double median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }

  static Map<String, Object> figures() {
    return new LinkedHashMap<>();
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}

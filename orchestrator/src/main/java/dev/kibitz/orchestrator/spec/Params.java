package dev.kibitz.orchestrator.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of one step's parameters that never throw: a missing or malformed value is recorded as
 * a problem (and a fallback returned) so that every mistake in a spec is reported in one go. After
 * the step type has read what it knows, {@link #finish} reports the keys nobody read.
 */
public final class Params {
  private final String where;
  private final Map<String, Object> raw;
  private final List<SpecProblem> problems;
  private final Set<String> read = new HashSet<>();

  public Params(String where, Map<String, Object> raw, List<SpecProblem> problems) {
    this.where = where;
    this.raw = raw;
    this.problems = problems;
  }

  public boolean has(String key) {
    return raw.containsKey(key);
  }

  /** Records a problem about this step (or, with a key, about one of its parameters). */
  public void problem(String key, String message) {
    problems.add(new SpecProblem(key == null ? where : where + " params." + key, message));
  }

  public String string(String key) {
    Object v = take(key);
    if (v == null) {
      problem(key, "is required");
      return "";
    }
    if (!(v instanceof String s) || s.isBlank()) {
      problem(key, "must be non-empty text, got " + v);
      return "";
    }
    return s;
  }

  public String string(String key, String fallback) {
    return has(key) ? string(key) : fallback(key, fallback);
  }

  /** One of {@code allowed}; the message lists them. */
  public String choice(String key, String fallback, List<String> allowed) {
    String s = fallback == null ? string(key) : string(key, fallback);
    if (!s.isEmpty() && !allowed.contains(s)) {
      problem(key, "must be one of " + String.join(", ", allowed) + ", got '" + s + "'");
      return allowed.get(0);
    }
    return s;
  }

  public long integer(String key, long fallback, long min, long max) {
    if (!has(key)) {
      return fallback(key, fallback);
    }
    Object v = take(key);
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min
        || ((Number) v).longValue() > max) {
      problem(key, "must be a whole number from " + min + " to " + max + ", got " + v);
      return fallback;
    }
    return ((Number) v).longValue();
  }

  public double number(String key, double fallback, double min, double max) {
    if (!has(key)) {
      return fallback(key, fallback);
    }
    Object v = take(key);
    if (!(v instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
      problem(key, "must be a number from " + min + " to " + max + ", got " + v);
      return fallback;
    }
    return n.doubleValue();
  }

  public boolean flag(String key, boolean fallback) {
    if (!has(key)) {
      return fallback(key, fallback);
    }
    Object v = take(key);
    if (!(v instanceof Boolean b)) {
      problem(key, "must be true or false, got " + v);
      return fallback;
    }
    return b;
  }

  /** A list of text (a single text counts as a list of one); required and non-empty when fallback is null. */
  public List<String> strings(String key, List<String> fallback) {
    if (!has(key)) {
      if (fallback == null) {
        take(key);
        problem(key, "is required");
        return List.of();
      }
      return fallback(key, fallback);
    }
    Object v = take(key);
    List<String> out = new ArrayList<>();
    if (v instanceof String s) {
      out.add(s);
    } else if (v instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && !s.isBlank()) {
          out.add(s);
        } else {
          problem(key, "must list non-empty texts, got " + o);
        }
      }
    } else {
      problem(key, "must be a text or a list of texts, got " + v);
    }
    if (out.isEmpty() && problemsAbout(key) == 0) {
      problem(key, "must not be empty");
    }
    return out;
  }

  /** A list of numbers; a single number counts as a list of one. */
  public List<Double> numbers(String key, List<Double> fallback) {
    if (!has(key)) {
      return fallback(key, fallback);
    }
    Object v = take(key);
    List<Double> out = new ArrayList<>();
    for (Object o : v instanceof List<?> list ? list : List.of(v)) {
      if (o instanceof Number n && Double.isFinite(n.doubleValue())) {
        out.add(n.doubleValue());
      } else {
        problem(key, "must list numbers, got " + o);
      }
    }
    return out;
  }

  /** Reports every parameter the step type did not read; call once, after reading. */
  public void finish() {
    Set<String> unknown = new TreeSet<>(raw.keySet());
    unknown.removeAll(read);
    for (String k : unknown) {
      problem(k, "is not a parameter of this step type");
    }
  }

  private int problemsAbout(String key) {
    String prefix = where + " params." + key;
    return (int) problems.stream().filter(p -> p.where().equals(prefix)).count();
  }

  private Object take(String key) {
    read.add(key);
    return raw.get(key);
  }

  private <T> T fallback(String key, T value) {
    read.add(key);
    return value;
  }
}

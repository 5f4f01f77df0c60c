package dev.kibitz.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Dockerfile the checks read: its stages (base image, alias), the final stage's USER, EXPOSE
 * and exec-form ENTRYPOINT, and the build arguments' defaults. Comments and line continuations are handled
 * as Docker does; everything else is kept as instruction + text.
 */
record Dockerfile(List<Stage> stages, Map<String, String> argDefaults) {

  /** One FROM ... [AS alias] and the instructions under it. */
  record Stage(String base, String alias, List<String[]> instructions) {
    List<String> values(String instruction) {
      return instructions.stream().filter(i -> i[0].equals(instruction)).map(i -> i[1]).toList();
    }
  }

  private static final Pattern FROM = Pattern.compile("(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  static Dockerfile read(Path file) throws IOException {
    List<Stage> stages = new ArrayList<>();
    Map<String, String> args = new java.util.LinkedHashMap<>();
    StringBuilder logical = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      if (line.stripLeading().startsWith("#")) {
        continue; // comments (and the syntax directive), also between continued lines
      }
      if (line.endsWith("\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      String text = logical.toString().strip();
      logical.setLength(0);
      if (text.isEmpty()) {
        continue;
      }
      String[] parts = text.split("\\s+", 2);
      String instruction = parts[0].toUpperCase(java.util.Locale.ROOT);
      String rest = parts.length > 1 ? parts[1].strip() : "";
      if (instruction.equals("FROM")) {
        Matcher m = FROM.matcher(rest);
        if (!m.matches()) {
          throw new IllegalArgumentException(file + ": cannot read FROM " + rest);
        }
        stages.add(new Stage(m.group(1), m.group(2), new ArrayList<>()));
      } else if (stages.isEmpty()) {
        if (instruction.equals("ARG")) {
          String[] kv = rest.split("=", 2);
          args.put(kv[0], kv.length > 1 ? kv[1] : null);
        }
      } else {
        stages.get(stages.size() - 1).instructions().add(new String[] {instruction, rest});
      }
    }
    return new Dockerfile(stages, args);
  }

  Stage last() {
    return stages.get(stages.size() - 1);
  }

  /** The exec-form ENTRYPOINT of the final stage, as its list of strings. */
  List<String> entrypoint() {
    List<String> all = last().values("ENTRYPOINT");
    if (all.size() != 1 || !all.get(0).startsWith("[")) {
      throw new AssertionError("expected one exec-form ENTRYPOINT [\"...\"], got " + all);
    }
    List<String> out = new ArrayList<>();
    Matcher m = JSON_STRING.matcher(all.get(0));
    while (m.find()) {
      out.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    return out;
  }

  /**
   * The images a stage finally rests on, following aliases and ${ARG} bases through every value the build
   * argument may take ({@code choices}): e.g. runtime-${PYTORCH_FLAVOR} -> runtime-cpu, runtime-cu128 -> their bases.
   */
  List<String> baseImages(Stage stage, Map<String, List<String>> choices) {
    List<String> bases = new ArrayList<>();
    for (String base : expand(stage.base(), choices)) {
      Stage named = stages.stream().filter(s -> base.equals(s.alias())).findFirst().orElse(null);
      bases.addAll(named == null ? List.of(base) : baseImages(named, choices));
    }
    return bases;
  }

  private static List<String> expand(String base, Map<String, List<String>> choices) {
    Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(base);
    if (!m.find()) {
      return List.of(base);
    }
    return choices.getOrDefault(m.group(1), List.of()).stream()
        .flatMap(v -> expand(base.replace(m.group(), v), choices).stream()).toList();
  }
}

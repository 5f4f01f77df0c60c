package dev.kibitz.orchestrator.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot run, with every problem found in it (not only the first). */
public final class InvalidSpecException extends Exception {
  private final List<SpecProblem> problems;

  public InvalidSpecException(String source, List<SpecProblem> problems) {
    super(source + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<SpecProblem> problems() {
    return problems;
  }
}

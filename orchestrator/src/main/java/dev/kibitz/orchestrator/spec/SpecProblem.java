package dev.kibitz.orchestrator.spec;

/**
 * One thing wrong with a spec.
 *
 * @param where what it is about: {@code spec}, {@code step 'capture'}, {@code step 'capture' params.mazes}
 */
public record SpecProblem(String where, String message) {
  @Override
  public String toString() {
    return where + ": " + message;
  }
}

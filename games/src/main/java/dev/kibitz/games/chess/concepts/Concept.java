package dev.kibitz.games.chess.concepts;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * One chess concept: a named, documented function of a position. Booleans are 0 or 1; real values are counts,
 * pawns or Stockfish eval units as the definition says. "Own" is the side to move and "opp" its opponent, so
 * the same concept means the same thing whichever colour moves; squares (a1..h8) are the board's own.
 *
 * @param name stable snake_case identifier, unique in a {@link ConceptLibrary}
 * @param family what kind of knowledge it probes
 * @param kind boolean or real-valued
 * @param definition one line, as {@code docs/chess-concepts.md} prints it
 * @param value computes the concept from a per-position {@link ConceptContext} (shared caches)
 */
public record Concept(String name, ConceptFamily family, Kind kind, String definition,
    ToDoubleFunction<ConceptContext> value) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  public enum Kind { BOOLEAN, REAL }

  public Concept {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("concept name '" + name + "' is not snake_case (e.g. material_balance)");
    }
    if (definition == null || definition.isBlank() || definition.contains("\n")) {
      throw new IllegalArgumentException("concept " + name + " needs a one-line definition");
    }
  }

  static Concept bool(String name, ConceptFamily family, String definition, Predicate<ConceptContext> test) {
    return new Concept(name, family, Kind.BOOLEAN, definition, c -> test.test(c) ? 1 : 0);
  }

  static Concept real(String name, ConceptFamily family, String definition, ToDoubleFunction<ConceptContext> value) {
    return new Concept(name, family, Kind.REAL, definition, value);
  }

  /** The value for one position; prefer {@link ConceptLibrary#values} to label many concepts at once. */
  public double valueOf(ConceptContext context) {
    return value.applyAsDouble(context);
  }
}

package dev.kibitz.games.chess.concepts;

/** Naming for concepts defined once per side: "own" is the side to move, "opp" its opponent. */
final class Sides {
  private Sides() {}

  static final boolean[] BOTH = {true, false};

  static String suffix(boolean own) {
    return own ? "own" : "opp";
  }

  /** "the side to move's" or "the opponent's", for definitions. */
  static String whose(boolean own) {
    return own ? "the side to move's" : "the opponent's";
  }

  static String who(boolean own) {
    return own ? "the side to move" : "the opponent";
  }
}

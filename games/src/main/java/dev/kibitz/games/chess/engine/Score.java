package dev.kibitz.games.chess.engine;

/** A search score from the side to move's point of view, as UCI reports it: centipawns or mate in N moves. */
public sealed interface Score {

  /** Centipawn value a mate is counted as, less the moves to mate, so that a nearer mate scores higher. */
  int MATE_CENTIPAWNS = 100_000;

  /** A single number for arithmetic such as centipawn loss: mate in n is ±(100,000 - |n|). */
  int asCentipawns();

  /** Parses the words after "score" in an info line: "cp 35" or "mate -3". */
  static Score parse(String kind, String value) {
    int v = Integer.parseInt(value);
    return switch (kind) {
      case "cp" -> new Centipawns(v);
      case "mate" -> new Mate(v);
      default -> throw new IllegalArgumentException("unknown score kind '" + kind + "' (expected cp or mate)");
    };
  }

  record Centipawns(int value) implements Score {
    @Override
    public int asCentipawns() {
      return value;
    }

    @Override
    public String toString() {
      return "cp " + value;
    }
  }

  /** Mate in {@code moves} (negative: the side to move gets mated; 0: it is mated now). */
  record Mate(int moves) implements Score {
    @Override
    public int asCentipawns() {
      return moves > 0 ? MATE_CENTIPAWNS - moves : -MATE_CENTIPAWNS - moves;
    }

    @Override
    public String toString() {
      return "mate " + moves;
    }
  }
}

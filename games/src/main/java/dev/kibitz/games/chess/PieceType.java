package dev.kibitz.games.chess;

/** Kinds of piece; the ordinal indexes the position's bitboards and the promotion field of packed moves. */
public enum PieceType {
  PAWN('p'), KNIGHT('n'), BISHOP('b'), ROOK('r'), QUEEN('q'), KING('k');

  private final char letter;

  PieceType(char letter) {
    this.letter = letter;
  }

  /** The lower-case letter FEN and UCI use (black's letter; white's is upper case). */
  public char letter() {
    return letter;
  }

  /** The type for a FEN/UCI letter of either case, or null if the letter names no piece. */
  static PieceType ofLetter(char c) {
    for (PieceType t : values()) {
      if (t.letter == Character.toLowerCase(c)) {
        return t;
      }
    }
    return null;
  }
}

package dev.kibitz.games.chess;

/** The two players; the ordinal indexes per-side tables (white 0, black 1). */
public enum Side {
  WHITE, BLACK;

  public Side opposite() {
    return this == WHITE ? BLACK : WHITE;
  }

  /** FEN's side-to-move letter. */
  public char fenLetter() {
    return this == WHITE ? 'w' : 'b';
  }
}

package dev.kibitz.games.chess;

/** A piece of one side, as it stands on a square. */
public record Piece(Side side, PieceType type) {

  /** FEN letter: upper case for white. */
  public char fenLetter() {
    return side == Side.WHITE ? Character.toUpperCase(type.letter()) : type.letter();
  }

  /** Index into the position's per-piece bitboards: side * 6 + type. */
  int index() {
    return side.ordinal() * 6 + type.ordinal();
  }

  static Piece ofIndex(int index) {
    return new Piece(Side.values()[index / 6], PieceType.values()[index % 6]);
  }
}

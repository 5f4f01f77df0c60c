package dev.kibitz.games.chess;

/**
 * A move as UCI writes it: from-square, to-square and an optional promotion piece. Castling is the king's
 * two-square move (e1g1). Whether it is legal, a capture or en passant depends on the position.
 */
public record Move(int from, int to, PieceType promotion) {

  public Move {
    if (from < 0 || from > 63 || to < 0 || to > 63) {
      throw new IllegalArgumentException("move squares must be 0..63, got " + from + " -> " + to);
    }
    if (promotion == PieceType.PAWN || promotion == PieceType.KING) {
      throw new IllegalArgumentException("cannot promote to " + promotion);
    }
  }

  public Move(int from, int to) {
    this(from, to, null);
  }

  /** Parses UCI long algebraic notation: e2e4, e7e8q (promotion letter n, b, r or q). */
  public static Move parseUci(String uci) {
    if (uci == null || (uci.length() != 4 && uci.length() != 5)) {
      throw new IllegalArgumentException("'" + uci + "' is not a UCI move (expected e.g. e2e4 or e7e8q)");
    }
    int from = Square.parse(uci.substring(0, 2));
    int to = Square.parse(uci.substring(2, 4));
    PieceType promotion = null;
    if (uci.length() == 5) {
      promotion = PieceType.ofLetter(uci.charAt(4));
      if (promotion == null || promotion == PieceType.PAWN || promotion == PieceType.KING
          || !Character.isLowerCase(uci.charAt(4))) {
        throw new IllegalArgumentException("'" + uci + "' has a bad promotion letter '" + uci.charAt(4)
            + "' (expected one of n, b, r, q)");
      }
    }
    return new Move(from, to, promotion);
  }

  public String uci() {
    return Square.name(from) + Square.name(to) + (promotion == null ? "" : String.valueOf(promotion.letter()));
  }

  @Override
  public String toString() {
    return uci();
  }

  /** Packed form the move generator works with: from | to << 6 | promotion ordinal << 12 (0 = none). */
  int packed() {
    return from | to << 6 | (promotion == null ? 0 : promotion.ordinal()) << 12;
  }

  static Move unpack(int packed) {
    int promo = packed >>> 12;
    return new Move(packed & 63, (packed >>> 6) & 63, promo == 0 ? null : PieceType.values()[promo]);
  }
}

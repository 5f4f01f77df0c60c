package dev.kibitz.games.chess;

/**
 * Forsyth-Edwards Notation in and out. Parsing checks everything the move generator relies on (one king
 * each, castling rights backed by king and rook on their home squares, an en passant square behind a pawn
 * that just made a double push, the side not to move not in check) and names the first problem it finds.
 * Six fields round-trip exactly; four-field (EPD-style) input gets the clocks "0 1".
 */
final class Fen {
  private Fen() {}

  static Position parse(String fen) {
    if (fen == null || fen.isBlank()) {
      throw new IllegalArgumentException("FEN is empty");
    }
    String[] fields = fen.trim().split("\\s+");
    if (fields.length != 6 && fields.length != 4) {
      throw bad(fen, "has " + fields.length + " fields; expected 6 (placement, side to move, castling, "
          + "en passant, halfmove clock, fullmove number)");
    }
    long[] pieces = new long[12];
    byte[] board = new byte[64];
    placement(fen, fields[0], pieces, board);
    int side = switch (fields[1]) {
      case "w" -> 0;
      case "b" -> 1;
      default -> throw bad(fen, "has side to move '" + fields[1] + "'; expected 'w' or 'b'");
    };
    int castling = castling(fen, fields[2], board);
    int ep = enPassant(fen, fields[3], side, board);
    int halfmove = fields.length == 6 ? number(fen, fields[4], "halfmove clock", 0) : 0;
    int fullmove = fields.length == 6 ? number(fen, fields[5], "fullmove number", 1) : 1;
    Position position = new Position(pieces, board, side, castling, ep, halfmove, fullmove);
    Side waiting = position.sideToMove().opposite();
    if (position.attackersOf(position.kingSquare(waiting), position.sideToMove()) != 0) {
      throw bad(fen, "leaves the side not to move (" + waiting.name().toLowerCase() + ") in check");
    }
    return position;
  }

  private static void placement(String fen, String field, long[] pieces, byte[] board) {
    String[] ranks = field.split("/", -1);
    if (ranks.length != 8) {
      throw bad(fen, "has " + ranks.length + " ranks in its piece placement; expected 8 separated by '/'");
    }
    for (int i = 0; i < 8; i++) {
      int rank = 7 - i;
      int file = 0;
      for (char c : ranks[i].toCharArray()) {
        if (c >= '1' && c <= '8') {
          file += c - '0';
        } else {
          PieceType type = PieceType.ofLetter(c);
          if (type == null) {
            throw bad(fen, "has bad piece letter '" + c + "' on rank " + (rank + 1) + "; expected one of PNBRQK pnbrqk or a digit 1-8");
          }
          if (file < 8) {
            if (type == PieceType.PAWN && (rank == 0 || rank == 7)) {
              throw bad(fen, "has a pawn on rank " + (rank + 1));
            }
            int index = new Piece(Character.isUpperCase(c) ? Side.WHITE : Side.BLACK, type).index();
            pieces[index] |= 1L << Square.of(file, rank);
            board[Square.of(file, rank)] = (byte) (index + 1);
          }
          file++;
        }
      }
      if (file != 8) {
        throw bad(fen, "has rank " + (rank + 1) + " ('" + ranks[i] + "') describing " + file + " squares; expected 8");
      }
    }
    for (Side s : Side.values()) {
      int kings = Long.bitCount(pieces[s.ordinal() * 6 + PieceType.KING.ordinal()]);
      if (kings != 1) {
        throw bad(fen, "has " + kings + " " + s.name().toLowerCase() + " kings; expected exactly 1");
      }
    }
  }

  private static int castling(String fen, String field, byte[] board) {
    if (field.equals("-")) {
      return 0;
    }
    int rights = 0;
    for (char c : field.toCharArray()) {
      int bit = "KQkq".indexOf(c);
      if (bit < 0 || (rights & 1 << bit) != 0) {
        throw bad(fen, "has castling field '" + field + "'; expected '-' or a subset of KQkq without repeats");
      }
      rights |= 1 << bit;
      Side side = Character.isUpperCase(c) ? Side.WHITE : Side.BLACK;
      int king = side == Side.WHITE ? 4 : 60;
      int rook = king + (Character.toLowerCase(c) == 'k' ? 3 : -4);
      if (board[king] != new Piece(side, PieceType.KING).index() + 1
          || board[rook] != new Piece(side, PieceType.ROOK).index() + 1) {
        throw bad(fen, "has castling right '" + c + "' but no " + side.name().toLowerCase() + " king on "
            + Square.name(king) + " and rook on " + Square.name(rook));
      }
    }
    return rights;
  }

  private static int enPassant(String fen, String field, int side, byte[] board) {
    if (field.equals("-")) {
      return -1;
    }
    int square;
    try {
      square = Square.parse(field);
    } catch (IllegalArgumentException e) {
      throw bad(fen, "has en passant field '" + field + "'; expected '-' or a square");
    }
    int expectedRank = side == 0 ? 5 : 2;
    int pawnSquare = square + (side == 0 ? -8 : 8);
    int theirPawn = new Piece(Side.values()[1 - side], PieceType.PAWN).index() + 1;
    if (Square.rank(square) != expectedRank || board[pawnSquare] != theirPawn || board[square] != 0
        || board[square + (side == 0 ? 8 : -8)] != 0) {
      throw bad(fen, "has en passant square " + field + " but no " + (side == 0 ? "black" : "white")
          + " pawn can just have made a double push past it");
    }
    return square;
  }

  private static int number(String fen, String field, String name, int min) {
    try {
      int value = Integer.parseInt(field);
      if (value >= min) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw bad(fen, "has " + name + " '" + field + "'; expected an integer >= " + min);
  }

  private static IllegalArgumentException bad(String fen, String problem) {
    return new IllegalArgumentException("bad FEN '" + fen + "': " + problem);
  }

  static String format(Position p) {
    StringBuilder sb = new StringBuilder(90);
    for (int rank = 7; rank >= 0; rank--) {
      int empty = 0;
      for (int file = 0; file < 8; file++) {
        int v = p.board[Square.of(file, rank)];
        if (v == 0) {
          empty++;
          continue;
        }
        if (empty > 0) {
          sb.append(empty);
          empty = 0;
        }
        sb.append(Piece.ofIndex(v - 1).fenLetter());
      }
      if (empty > 0) {
        sb.append(empty);
      }
      if (rank > 0) {
        sb.append('/');
      }
    }
    sb.append(' ').append(p.sideToMove().fenLetter()).append(' ').append(castlingField(p.castling)).append(' ')
        .append(p.epSquare < 0 ? "-" : Square.name(p.epSquare)).append(' ').append(p.halfmoveClock).append(' ')
        .append(p.fullmoveNumber);
    return sb.toString();
  }

  static String castlingField(int rights) {
    StringBuilder sb = new StringBuilder(4);
    for (int bit = 0; bit < 4; bit++) {
      if ((rights & 1 << bit) != 0) {
        sb.append("KQkq".charAt(bit));
      }
    }
    return sb.isEmpty() ? "-" : sb.toString();
  }
}

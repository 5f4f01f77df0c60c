package dev.kibitz.games.chess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable chess position: twelve piece bitboards (side * 6 + piece type) plus a square-indexed mailbox
 * for "what stands here", side to move, castling rights, en passant square and the two FEN clocks.
 * {@link #play} returns a new position. Build one from FEN ({@link #fromFen}) or {@link #start()}.
 *
 * <p>After a double pawn push the en passant square is always set, as the FEN standard says, whether or not
 * a capture is possible; a FEN read in keeps the square it names.
 */
public final class Position {
  static final int WHITE_KINGSIDE = 1;
  static final int WHITE_QUEENSIDE = 2;
  static final int BLACK_KINGSIDE = 4;
  static final int BLACK_QUEENSIDE = 8;

  /** Castling rights kept when a move touches a square: moving or capturing on a king/rook home loses them. */
  private static final int[] CASTLING_KEPT = new int[64];

  static {
    Arrays.fill(CASTLING_KEPT, 15);
    CASTLING_KEPT[Square.parse("a1")] = 15 & ~WHITE_QUEENSIDE;
    CASTLING_KEPT[Square.parse("h1")] = 15 & ~WHITE_KINGSIDE;
    CASTLING_KEPT[Square.parse("e1")] = 15 & ~(WHITE_KINGSIDE | WHITE_QUEENSIDE);
    CASTLING_KEPT[Square.parse("a8")] = 15 & ~BLACK_QUEENSIDE;
    CASTLING_KEPT[Square.parse("h8")] = 15 & ~BLACK_KINGSIDE;
    CASTLING_KEPT[Square.parse("e8")] = 15 & ~(BLACK_KINGSIDE | BLACK_QUEENSIDE);
  }

  public static final String START_FEN = "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1";

  final long[] pieces;
  final byte[] board; // piece index + 1, 0 = empty
  final long[] bySide;
  final int side;
  final int castling;
  final int epSquare; // -1 = none
  final int halfmoveClock;
  final int fullmoveNumber;

  Position(long[] pieces, byte[] board, int side, int castling, int epSquare, int halfmoveClock, int fullmoveNumber) {
    this.pieces = pieces;
    this.board = board;
    this.side = side;
    this.castling = castling;
    this.epSquare = epSquare;
    this.halfmoveClock = halfmoveClock;
    this.fullmoveNumber = fullmoveNumber;
    long white = 0;
    long black = 0;
    for (int t = 0; t < 6; t++) {
      white |= pieces[t];
      black |= pieces[6 + t];
    }
    this.bySide = new long[] {white, black};
  }

  public static Position fromFen(String fen) {
    return Fen.parse(fen);
  }

  public static Position start() {
    return Fen.parse(START_FEN);
  }

  public String toFen() {
    return Fen.format(this);
  }

  public Side sideToMove() {
    return Side.values()[side];
  }

  public Optional<Piece> pieceAt(int square) {
    return board[square] == 0 ? Optional.empty() : Optional.of(Piece.ofIndex(board[square] - 1));
  }

  public Optional<Piece> pieceAt(String square) {
    return pieceAt(Square.parse(square));
  }

  public long pieces(Side side, PieceType type) {
    return pieces[side.ordinal() * 6 + type.ordinal()];
  }

  public long occupied(Side side) {
    return bySide[side.ordinal()];
  }

  public long occupied() {
    return bySide[0] | bySide[1];
  }

  public int kingSquare(Side side) {
    return Long.numberOfTrailingZeros(pieces[side.ordinal() * 6 + PieceType.KING.ordinal()]);
  }

  /** Castling rights in FEN form: a subset of "KQkq", or "-". */
  public String castlingRights() {
    return Fen.castlingField(castling);
  }

  public OptionalInt enPassantSquare() {
    return epSquare < 0 ? OptionalInt.empty() : OptionalInt.of(epSquare);
  }

  public int halfmoveClock() {
    return halfmoveClock;
  }

  public int fullmoveNumber() {
    return fullmoveNumber;
  }

  /** Pieces of {@code by} that attack {@code square} (bitboard), with sliders blocked by the current board. */
  public long attackersOf(int square, Side by) {
    return attackersOf(square, by.ordinal(), occupied());
  }

  long attackersOf(int square, int by, long occupied) {
    int base = by * 6;
    long queens = pieces[base + 4];
    return (Attacks.pawn(1 - by, square) & pieces[base])
        | (Attacks.knight(square) & pieces[base + 1])
        | (Attacks.bishop(square, occupied) & (pieces[base + 2] | queens))
        | (Attacks.rook(square, occupied) & (pieces[base + 3] | queens))
        | (Attacks.king(square) & pieces[base + 5]);
  }

  public boolean isAttacked(int square, Side by) {
    return attackersOf(square, by) != 0;
  }

  /** Every square {@code by} attacks (own-occupied squares included: those are defended). */
  public long attackedBy(Side by) {
    int base = by.ordinal() * 6;
    long occupied = occupied();
    long attacked = 0;
    for (long p = pieces[base]; p != 0; p &= p - 1) {
      attacked |= Attacks.pawn(by, Long.numberOfTrailingZeros(p));
    }
    for (long p = pieces[base + 1]; p != 0; p &= p - 1) {
      attacked |= Attacks.knight(Long.numberOfTrailingZeros(p));
    }
    for (long p = pieces[base + 2] | pieces[base + 4]; p != 0; p &= p - 1) {
      attacked |= Attacks.bishop(Long.numberOfTrailingZeros(p), occupied);
    }
    for (long p = pieces[base + 3] | pieces[base + 4]; p != 0; p &= p - 1) {
      attacked |= Attacks.rook(Long.numberOfTrailingZeros(p), occupied);
    }
    return attacked | Attacks.king(kingSquare(by));
  }

  /** Pieces giving check to the side to move. */
  public long checkers() {
    return attackersOf(kingSquare(sideToMove()), sideToMove().opposite());
  }

  public boolean inCheck() {
    return checkers() != 0;
  }

  public List<Move> legalMoves() {
    int[] packed = new int[MoveGenerator.MAX_MOVES];
    int n = MoveGenerator.legal(this, packed);
    List<Move> moves = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      moves.add(Move.unpack(packed[i]));
    }
    return moves;
  }

  public boolean isLegal(Move move) {
    return legalMoves().contains(move);
  }

  public boolean isCheckmate() {
    return inCheck() && legalMoves().isEmpty();
  }

  public boolean isStalemate() {
    return !inCheck() && legalMoves().isEmpty();
  }

  /** The position after a legal move; an illegal one is rejected naming the move and this position. */
  public Position play(Move move) {
    if (!isLegal(move)) {
      throw new IllegalArgumentException("move " + move.uci() + " is not legal in " + toFen());
    }
    return playPacked(move.packed());
  }

  public Position play(String uciMove) {
    return play(Move.parseUci(uciMove));
  }

  /**
   * The position after {@code move}, which the caller took from this position's {@link #legalMoves()}. Unlike
   * {@link #play(Move)} it does not check legality (which regenerates every move), so loops over all legal
   * moves stay linear; a move that is not legal here gives a broken position or an exception.
   */
  public Position playLegal(Move move) {
    if (board[move.from()] == 0 || (board[move.from()] - 1) / 6 != side) {
      throw new IllegalArgumentException("move " + move.uci() + " does not move a piece of the side to move in "
          + toFen());
    }
    return playPacked(move.packed());
  }

  /**
   * The same position with the other side to move, no en passant square and the halfmove clock advanced: a
   * "null move", as engines use to ask what the opponent threatens. Refused when the side to move is in
   * check, since the result would leave the side not to move in check.
   */
  public Position nullMove() {
    if (inCheck()) {
      throw new IllegalArgumentException("no null move in check: " + toFen());
    }
    return new Position(pieces.clone(), board.clone(), 1 - side, castling, -1, halfmoveClock + 1,
        fullmoveNumber + side);
  }

  /** Plays a move the generator produced (no legality check). */
  Position playPacked(int move) {
    int from = move & 63;
    int to = (move >>> 6) & 63;
    int promotion = move >>> 12;
    long[] p = pieces.clone();
    byte[] b = board.clone();
    int us = side;
    int moving = b[from] - 1;
    int captured = b[to] - 1;
    int halfmove = halfmoveClock + 1;
    int ep = -1;
    if (captured >= 0) {
      p[captured] ^= 1L << to;
      halfmove = 0;
    }
    p[moving] ^= (1L << from) | (1L << to);
    b[from] = 0;
    b[to] = (byte) (moving + 1);
    int type = moving % 6;
    if (type == 0) {
      halfmove = 0;
      if (to == epSquare && Square.file(from) != Square.file(to)) {
        int victim = to + (us == 0 ? -8 : 8);
        p[(1 - us) * 6] ^= 1L << victim;
        b[victim] = 0;
      } else if (Math.abs(to - from) == 16) {
        ep = (from + to) / 2;
      } else if (promotion != 0) {
        p[moving] ^= 1L << to;
        p[us * 6 + promotion] |= 1L << to;
        b[to] = (byte) (us * 6 + promotion + 1);
      }
    } else if (type == 5 && Math.abs(to - from) == 2) {
      int rookFrom = to > from ? to + 1 : to - 2;
      int rookTo = (from + to) / 2;
      int rook = us * 6 + 3;
      p[rook] ^= (1L << rookFrom) | (1L << rookTo);
      b[rookFrom] = 0;
      b[rookTo] = (byte) (rook + 1);
    }
    int rights = castling & CASTLING_KEPT[from] & CASTLING_KEPT[to];
    return new Position(p, b, 1 - us, rights, ep, halfmove, fullmoveNumber + us);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Position other && Arrays.equals(pieces, other.pieces) && side == other.side
        && castling == other.castling && epSquare == other.epSquare && halfmoveClock == other.halfmoveClock
        && fullmoveNumber == other.fullmoveNumber;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(pieces) * 31 + side * 17 + castling * 7 + epSquare + halfmoveClock * 131 + fullmoveNumber;
  }

  @Override
  public String toString() {
    return toFen();
  }
}

package dev.kibitz.games.chess;

/**
 * Legal move generation into a packed {@code int[]} (see {@link Move#packed()}). Moves are generated
 * pseudo-legally per piece, then each one that could expose the king is tested by recomputing the attacks
 * on the king square with the board as it would be after the move: king moves, en passant, moves of a piece
 * that is the first one on a line from the king (it may be pinned), and every move while in check. Other
 * moves cannot uncover the king, so they skip the test. Castling checks its path and squares directly.
 */
final class MoveGenerator {
  static final int MAX_MOVES = 256;

  private static final long RANK_3 = 0xFFL << 16;
  private static final long RANK_6 = 0xFFL << 40;
  private static final long BACK_RANKS = 0xFFL | 0xFFL << 56;

  private MoveGenerator() {}

  /** Writes the legal moves of {@code p} into {@code out} and returns how many there are. */
  static int legal(Position p, int[] out) {
    return new Run(p, out).generate();
  }

  /** One generation pass: the board facts every piece's moves need, and the output cursor. */
  private static final class Run {
    final Position p;
    final int[] out;
    final int us;
    final int them;
    final long own;
    final long enemy;
    final long occupied;
    final int king;
    final long checkers;
    final long maybePinned;
    int n;

    Run(Position p, int[] out) {
      this.p = p;
      this.out = out;
      us = p.side;
      them = 1 - us;
      own = p.bySide[us];
      enemy = p.bySide[them];
      occupied = own | enemy;
      king = Long.numberOfTrailingZeros(p.pieces[us * 6 + 5]);
      checkers = p.attackersOf(king, them, occupied);
      maybePinned = Attacks.queen(king, occupied) & own;
    }

    int generate() {
      pawnMoves();
      int base = us * 6;
      for (long b = p.pieces[base + 1]; b != 0; b &= b - 1) {
        int from = Long.numberOfTrailingZeros(b);
        addAll(from, Attacks.knight(from) & ~own);
      }
      for (long b = p.pieces[base + 2]; b != 0; b &= b - 1) {
        int from = Long.numberOfTrailingZeros(b);
        addAll(from, Attacks.bishop(from, occupied) & ~own);
      }
      for (long b = p.pieces[base + 3]; b != 0; b &= b - 1) {
        int from = Long.numberOfTrailingZeros(b);
        addAll(from, Attacks.rook(from, occupied) & ~own);
      }
      for (long b = p.pieces[base + 4]; b != 0; b &= b - 1) {
        int from = Long.numberOfTrailingZeros(b);
        addAll(from, Attacks.queen(from, occupied) & ~own);
      }
      addAll(king, Attacks.king(king) & ~own);
      if (checkers == 0) {
        castling();
      }
      return n;
    }

    private void pawnMoves() {
      long pawns = p.pieces[us * 6];
      int up = us == 0 ? 8 : -8;
      long single = (us == 0 ? pawns << 8 : pawns >>> 8) & ~occupied;
      long twice = (us == 0 ? (single & RANK_3) << 8 : (single & RANK_6) >>> 8) & ~occupied;
      for (long b = single; b != 0; b &= b - 1) {
        int to = Long.numberOfTrailingZeros(b);
        addPawn(to - up, to);
      }
      for (long b = twice; b != 0; b &= b - 1) {
        int to = Long.numberOfTrailingZeros(b);
        add(to - 2 * up, to, 0, 0);
      }
      for (long b = pawns; b != 0; b &= b - 1) {
        int from = Long.numberOfTrailingZeros(b);
        long attacks = Attacks.pawn(us, from);
        for (long t = attacks & enemy; t != 0; t &= t - 1) {
          addPawn(from, Long.numberOfTrailingZeros(t));
        }
        if (p.epSquare >= 0 && (attacks & 1L << p.epSquare) != 0) {
          add(from, p.epSquare, 0, 1L << (p.epSquare - up));
        }
      }
    }

    private void addPawn(int from, int to) {
      if ((1L << to & BACK_RANKS) != 0) {
        for (int promotion = 4; promotion >= 1; promotion--) { // queen, rook, bishop, knight
          add(from, to, promotion, 0);
        }
      } else {
        add(from, to, 0, 0);
      }
    }

    private void addAll(int from, long targets) {
      for (long t = targets; t != 0; t &= t - 1) {
        add(from, Long.numberOfTrailingZeros(t), 0, 0);
      }
    }

    /** Adds the move if it leaves our king safe; {@code enPassantVictim} is the bit of a pawn taken en passant. */
    private void add(int from, int to, int promotion, long enPassantVictim) {
      boolean risky = checkers != 0 || from == king || enPassantVictim != 0 || (maybePinned & 1L << from) != 0;
      if (!risky || kingSafeAfter(from, to, enPassantVictim)) {
        out[n++] = from | to << 6 | promotion << 12;
      }
    }

    private boolean kingSafeAfter(int from, int to, long enPassantVictim) {
      long toBit = 1L << to;
      long after = (occupied ^ 1L << from ^ enPassantVictim) | toBit;
      long survivors = ~(toBit | enPassantVictim);
      int square = from == king ? to : king;
      int base = them * 6;
      long[] pc = p.pieces;
      long queens = pc[base + 4];
      return (Attacks.knight(square) & pc[base + 1] & survivors) == 0
          && (Attacks.pawn(us, square) & pc[base] & survivors) == 0
          && (Attacks.king(square) & pc[base + 5]) == 0
          && (Attacks.bishop(square, after) & (pc[base + 2] | queens) & survivors) == 0
          && (Attacks.rook(square, after) & (pc[base + 3] | queens) & survivors) == 0;
    }

    private void castling() {
      int rights = p.castling >> (us * 2);
      if ((rights & 1) != 0 && (occupied & 3L << (king + 1)) == 0
          && !attacked(king + 1) && !attacked(king + 2)) {
        out[n++] = king | (king + 2) << 6;
      }
      if ((rights & 2) != 0 && (occupied & 7L << (king - 3)) == 0
          && !attacked(king - 1) && !attacked(king - 2)) {
        out[n++] = king | (king - 2) << 6;
      }
    }

    private boolean attacked(int square) {
      return p.attackersOf(square, them, occupied) != 0;
    }
  }
}

package dev.kibitz.games.chess;

/**
 * Attack sets as bitboards. Leapers (knight, king, pawn) come from tables; sliders use classical ray attacks:
 * the full ray from a square in one direction, cut behind the nearest blocker, which a single bit scan finds
 * (lowest set bit for rays that go up the board, highest for rays that go down). Blockers are included in
 * the result whatever their colour; callers mask out their own pieces.
 */
public final class Attacks {
  private Attacks() {}

  private static final long[] KNIGHT = new long[64];
  private static final long[] KING = new long[64];
  private static final long[][] PAWN = new long[2][64];

  // Directions as (file step, rank step); the first four go up the board (higher square indexes).
  private static final int[][] DIRECTIONS = {{0, 1}, {1, 0}, {1, 1}, {-1, 1}, {0, -1}, {-1, 0}, {-1, -1}, {1, -1}};
  private static final long[][] RAYS = new long[8][64];

  static {
    for (int sq = 0; sq < 64; sq++) {
      KNIGHT[sq] = leaps(sq, new int[][] {{1, 2}, {2, 1}, {2, -1}, {1, -2}, {-1, -2}, {-2, -1}, {-2, 1}, {-1, 2}});
      KING[sq] = leaps(sq, new int[][] {{0, 1}, {1, 1}, {1, 0}, {1, -1}, {0, -1}, {-1, -1}, {-1, 0}, {-1, 1}});
      PAWN[0][sq] = leaps(sq, new int[][] {{-1, 1}, {1, 1}});
      PAWN[1][sq] = leaps(sq, new int[][] {{-1, -1}, {1, -1}});
      for (int d = 0; d < 8; d++) {
        long ray = 0;
        int f = Square.file(sq) + DIRECTIONS[d][0];
        int r = Square.rank(sq) + DIRECTIONS[d][1];
        while (f >= 0 && f < 8 && r >= 0 && r < 8) {
          ray |= 1L << Square.of(f, r);
          f += DIRECTIONS[d][0];
          r += DIRECTIONS[d][1];
        }
        RAYS[d][sq] = ray;
      }
    }
  }

  private static long leaps(int sq, int[][] steps) {
    long b = 0;
    for (int[] s : steps) {
      int f = Square.file(sq) + s[0];
      int r = Square.rank(sq) + s[1];
      if (f >= 0 && f < 8 && r >= 0 && r < 8) {
        b |= 1L << Square.of(f, r);
      }
    }
    return b;
  }

  public static long knight(int square) {
    return KNIGHT[square];
  }

  public static long king(int square) {
    return KING[square];
  }

  /** Squares a pawn of {@code side} on {@code square} attacks (its diagonal capture squares). */
  public static long pawn(Side side, int square) {
    return PAWN[side.ordinal()][square];
  }

  static long pawn(int side, int square) {
    return PAWN[side][square];
  }

  public static long rook(int square, long occupied) {
    return ray(0, square, occupied) | ray(1, square, occupied) | ray(4, square, occupied) | ray(5, square, occupied);
  }

  public static long bishop(int square, long occupied) {
    return ray(2, square, occupied) | ray(3, square, occupied) | ray(6, square, occupied) | ray(7, square, occupied);
  }

  public static long queen(int square, long occupied) {
    return rook(square, occupied) | bishop(square, occupied);
  }

  private static long ray(int direction, int square, long occupied) {
    long ray = RAYS[direction][square];
    long blockers = ray & occupied;
    if (blockers == 0) {
      return ray;
    }
    int nearest = direction < 4 ? Long.numberOfTrailingZeros(blockers) : 63 - Long.numberOfLeadingZeros(blockers);
    return ray ^ RAYS[direction][nearest];
  }
}

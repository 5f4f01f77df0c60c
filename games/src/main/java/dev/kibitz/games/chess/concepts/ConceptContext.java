package dev.kibitz.games.chess.concepts;

import dev.kibitz.games.chess.Attacks;
import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.Side;
import dev.kibitz.games.chess.Square;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One position with the facts many concepts share, computed once: both sides' attack maps eagerly, and
 * lazily the legal moves, the positions after them, pins and hanging pieces. Make one per position (it is
 * not thread-safe) and pass it to every concept; {@link ConceptLibrary#values} does that.
 */
public final class ConceptContext {
  /** Piece values in pawns (1/3/3/5/9); the king's is only for "attacked by a lesser piece" (never lesser). */
  private static final double[] VALUE = {1, 3, 3, 5, 9, 100};

  private final Position position;
  private final Side own;
  private final long occupied;
  private final long[] attacks = new long[2];
  private final byte[] types = new byte[64]; // PieceType ordinal + 1, 0 = empty
  private List<Move> legalMoves;
  private Position[] children;
  private boolean[] givesCheck;
  private final long[] pinned = {-1, -1};
  private final long[] hanging = {-1, -1};
  private Map<Object, Object> memo;

  public ConceptContext(Position position) {
    this.position = position;
    this.own = position.sideToMove();
    this.occupied = position.occupied();
    attacks[0] = position.attackedBy(Side.WHITE);
    attacks[1] = position.attackedBy(Side.BLACK);
    for (PieceType t : PieceType.values()) {
      for (long b = position.pieces(Side.WHITE, t) | position.pieces(Side.BLACK, t); b != 0; b &= b - 1) {
        types[Long.numberOfTrailingZeros(b)] = (byte) (t.ordinal() + 1);
      }
    }
  }

  public Position position() {
    return position;
  }

  /** The side to move ({@code own = true}) or its opponent. */
  public Side side(boolean ownSide) {
    return ownSide ? own : own.opposite();
  }

  public static double value(PieceType type) {
    return VALUE[type.ordinal()];
  }

  /** Every square {@code side} attacks (squares its own pieces stand on included: those it defends). */
  public long attacks(Side side) {
    return attacks[side.ordinal()];
  }

  public long pieces(Side side, PieceType type) {
    return position.pieces(side, type);
  }

  private static final PieceType[] TYPES = PieceType.values();

  /** The type of the piece on {@code square}; the square must be occupied. */
  public PieceType typeAt(int square) {
    int t = types[square];
    if (t == 0) {
      throw new IllegalArgumentException(Square.name(square) + " is empty in " + position.toFen());
    }
    return TYPES[t - 1];
  }

  /** Squares the piece on {@code square} attacks on the current board. */
  public long pieceAttacks(int square) {
    Side side = (position.occupied(Side.WHITE) & 1L << square) != 0 ? Side.WHITE : Side.BLACK;
    return attacksOf(side, typeAt(square), square, occupied);
  }

  static long attacksOf(Side side, PieceType type, int square, long occupied) {
    return switch (type) {
      case PAWN -> Attacks.pawn(side, square);
      case KNIGHT -> Attacks.knight(square);
      case BISHOP -> Attacks.bishop(square, occupied);
      case ROOK -> Attacks.rook(square, occupied);
      case QUEEN -> Attacks.queen(square, occupied);
      case KING -> Attacks.king(square);
    };
  }

  /** Pieces of {@code by} attacking {@code square} with sliders blocked by {@code occupied}. */
  static long attackersOf(Position p, int square, Side by, long occupied) {
    long queens = p.pieces(by, PieceType.QUEEN);
    return (Attacks.pawn(by.opposite(), square) & p.pieces(by, PieceType.PAWN))
        | (Attacks.knight(square) & p.pieces(by, PieceType.KNIGHT))
        | (Attacks.bishop(square, occupied) & (p.pieces(by, PieceType.BISHOP) | queens))
        | (Attacks.rook(square, occupied) & (p.pieces(by, PieceType.ROOK) | queens))
        | (Attacks.king(square) & p.pieces(by, PieceType.KING));
  }

  /** Value of the cheapest piece of {@code by} attacking {@code square}, or infinity when none does. */
  public double leastAttackerValue(int square, Side by) {
    long attackers = position.attackersOf(square, by);
    for (PieceType t : PieceType.values()) {
      if ((attackers & position.pieces(by, t)) != 0) {
        return value(t);
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  public List<Move> legalMoves() {
    if (legalMoves == null) {
      legalMoves = position.legalMoves();
    }
    return legalMoves;
  }

  /** The position after each legal move, in {@link #legalMoves()} order. */
  public Position[] children() {
    if (children == null) {
      List<Move> moves = legalMoves();
      children = new Position[moves.size()];
      for (int i = 0; i < children.length; i++) {
        children[i] = position.playLegal(moves.get(i));
      }
    }
    return children;
  }

  /** Whether each legal move, in {@link #legalMoves()} order, gives check. */
  public boolean[] givesCheck() {
    if (givesCheck == null) {
      Position[] after = children();
      givesCheck = new boolean[after.length];
      for (int i = 0; i < after.length; i++) {
        givesCheck[i] = after[i].inCheck();
      }
    }
    return givesCheck;
  }

  /** Whether the legal move at {@code index} captures (en passant included). */
  public boolean isCapture(int index) {
    Move m = legalMoves().get(index);
    return (occupied & 1L << m.to()) != 0
        || (typeAt(m.from()) == PieceType.PAWN && Math.abs(m.to() - m.from()) % 8 != 0);
  }

  /**
   * Pieces of {@code side} (king aside) absolutely pinned: the only piece between their king and an enemy
   * rook or queen on a rank or file, or an enemy bishop or queen on a diagonal.
   */
  public long pinned(Side side) {
    int s = side.ordinal();
    if (pinned[s] == -1) {
      pinned[s] = pinnedTo(position, position.kingSquare(side), side, true);
    }
    return pinned[s];
  }

  /**
   * Pieces of {@code side} that are the only piece between {@code target} and an enemy slider on a line it
   * moves along; queens count as snipers only when {@code queensPin}.
   */
  static long pinnedTo(Position p, int target, Side side, boolean queensPin) {
    Side enemy = side.opposite();
    long queens = queensPin ? p.pieces(enemy, PieceType.QUEEN) : 0;
    long snipers = (Attacks.rook(target, 0) & (p.pieces(enemy, PieceType.ROOK) | queens))
        | (Attacks.bishop(target, 0) & (p.pieces(enemy, PieceType.BISHOP) | queens));
    long occupied = p.occupied();
    long result = 0;
    for (long s = snipers; s != 0; s &= s - 1) {
      int sniper = Long.numberOfTrailingZeros(s);
      long between = between(target, sniper) & occupied;
      if (Long.bitCount(between) == 1 && (between & p.occupied(side)) != 0) {
        result |= between;
      }
    }
    return result;
  }

  /** Squares strictly between two squares on a common rank, file or diagonal (0 when not aligned). */
  static long between(int a, int b) {
    long rook = Attacks.rook(a, 1L << b) & Attacks.rook(b, 1L << a);
    if ((Attacks.rook(a, 0) & 1L << b) != 0) {
      return rook;
    }
    if ((Attacks.bishop(a, 0) & 1L << b) != 0) {
      return Attacks.bishop(a, 1L << b) & Attacks.bishop(b, 1L << a);
    }
    return 0;
  }

  /**
   * Pieces of {@code side}, king aside, that the enemy attacks and that are either undefended or attacked by a
   * piece worth less than they are.
   */
  public long hanging(Side side) {
    int s = side.ordinal();
    if (hanging[s] == -1) {
      long result = 0;
      long attacked = position.occupied(side) & ~position.pieces(side, PieceType.KING) & attacks(side.opposite());
      for (long b = attacked; b != 0; b &= b - 1) {
        int sq = Long.numberOfTrailingZeros(b);
        boolean defended = (attacks(side) & 1L << sq) != 0;
        if (!defended || leastAttackerValue(sq, side.opposite()) < value(typeAt(sq))) {
          result |= 1L << sq;
        }
      }
      hanging[s] = result;
    }
    return hanging[s];
  }

  /** A value computed once per position under {@code key}, for concepts that share an expensive result. */
  @SuppressWarnings("unchecked")
  public <T> T memo(Object key, Supplier<T> compute) {
    if (memo == null) {
      memo = new HashMap<>();
    }
    Object v = memo.get(key);
    if (v == null) {
      v = compute.get();
      memo.put(key, v);
    }
    return (T) v;
  }
}

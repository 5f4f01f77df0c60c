package dev.kibitz.games.chess.encode;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.PieceType;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.Side;
import dev.kibitz.games.chess.Square;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy's fixed move vocabulary, in the mover's frame (see {@link BoardEncoder}: black's moves
 * are mirrored rank-wise so the mover always plays "up the board"). Every from-to pair a queen or a
 * knight could make on an empty board (1792), with promotion to a queen written as the plain move,
 * then the under-promotions to knight, bishop and rook from the seventh rank straight or diagonally
 * (66): 1858 moves, in that order.
 */
public final class MoveVocabulary {
  private static final int[][] KNIGHT = {{1, 2}, {2, 1}, {2, -1}, {1, -2}, {-1, -2}, {-2, -1}, {-2, 1}, {-1, 2}};
  private static final int[][] RAYS = {{0, 1}, {1, 1}, {1, 0}, {1, -1}, {0, -1}, {-1, -1}, {-1, 0}, {-1, 1}};
  private static final PieceType[] UNDER = {PieceType.KNIGHT, PieceType.BISHOP, PieceType.ROOK};

  private static final List<Move> MOVES;
  private static final Map<Move, Integer> INDEX = new HashMap<>();

  static {
    List<Move> m = new ArrayList<>();
    for (int from = 0; from < 64; from++) {
      List<Integer> targets = new ArrayList<>();
      int f = Square.file(from);
      int r = Square.rank(from);
      for (int[] d : RAYS) {
        for (int k = 1; k < 8; k++) {
          if (inside(f + k * d[0], r + k * d[1])) {
            targets.add(Square.of(f + k * d[0], r + k * d[1]));
          }
        }
      }
      for (int[] d : KNIGHT) {
        if (inside(f + d[0], r + d[1])) {
          targets.add(Square.of(f + d[0], r + d[1]));
        }
      }
      Collections.sort(targets);
      for (int to : targets) {
        m.add(new Move(from, to));
      }
    }
    for (int f = 0; f < 8; f++) {
      for (int df = -1; df <= 1; df++) {
        if (inside(f + df, 7)) {
          for (PieceType p : UNDER) {
            m.add(new Move(Square.of(f, 6), Square.of(f + df, 7), p));
          }
        }
      }
    }
    MOVES = List.copyOf(m);
    for (int i = 0; i < MOVES.size(); i++) {
      INDEX.put(MOVES.get(i), i);
    }
  }

  /** Planes of the spatial policy map: 8 rays x 7 distances, 8 knight jumps, 3 under-promotions x 3 directions. */
  public static final int POLICY_PLANES = 56 + 8 + 9;

  private static final int[] POLICY_MAP = computePolicyMap();

  private MoveVocabulary() {}

  /**
   * For each entry, its cell in a [{@value #POLICY_PLANES}, 8, 8] map (C-order flat index
   * plane * 64 + row * 8 + col, on the from-square's cell as {@link BoardEncoder} lays out the
   * board). The plane is the move's kind: ray direction and distance, knight jump, or
   * under-promotion piece and direction. A policy head that predicts such planes per square can
   * then read the vocabulary's logits with one gather. Distinct entries have distinct cells.
   */
  public static int[] policyMap() {
    return POLICY_MAP.clone();
  }

  private static int[] computePolicyMap() {
    int[] map = new int[MOVES.size()];
    for (int i = 0; i < MOVES.size(); i++) {
      Move m = MOVES.get(i);
      int df = Square.file(m.to()) - Square.file(m.from());
      int dr = Square.rank(m.to()) - Square.rank(m.from());
      int plane;
      if (m.promotion() != null) {
        plane = 64 + List.of(UNDER).indexOf(m.promotion()) * 3 + (df + 1);
      } else if (Math.abs(df) * Math.abs(dr) == 2) {
        plane = 56 + direction(KNIGHT, df, dr);
      } else {
        int distance = Math.max(Math.abs(df), Math.abs(dr));
        plane = direction(RAYS, Integer.signum(df), Integer.signum(dr)) * 7 + distance - 1;
      }
      map[i] = plane * 64 + (7 - Square.rank(m.from())) * 8 + Square.file(m.from());
    }
    return map;
  }

  private static int direction(int[][] table, int df, int dr) {
    for (int d = 0; d < table.length; d++) {
      if (table[d][0] == df && table[d][1] == dr) {
        return d;
      }
    }
    throw new IllegalStateException("no direction (" + df + ", " + dr + ")");
  }

  public static int size() {
    return MOVES.size();
  }

  /** The vocabulary entry at {@code index}, in the mover's frame. */
  public static Move move(int index) {
    return MOVES.get(index);
  }

  /** The index of a real move played by {@code mover}; IllegalArgumentException if it has none. */
  public static int index(Move move, Side mover) {
    Move m = mover == Side.WHITE ? move : BoardEncoder.mirror(move);
    if (m.promotion() == PieceType.QUEEN) {
      m = new Move(m.from(), m.to());
    }
    Integer i = INDEX.get(m);
    if (i == null) {
      throw new IllegalArgumentException("move " + move.uci() + " has no entry in the move vocabulary");
    }
    return i;
  }

  /** The real move for vocabulary entry {@code index} in {@code position} (a pawn reaching the last rank queens). */
  public static Move toMove(int index, Position position) {
    Move m = MOVES.get(index);
    Move real = position.sideToMove() == Side.WHITE ? m : BoardEncoder.mirror(m);
    boolean pawn = position.pieceAt(real.from()).map(p -> p.type() == PieceType.PAWN).orElse(false);
    int lastRank = position.sideToMove() == Side.WHITE ? 7 : 0;
    if (pawn && real.promotion() == null && Square.rank(real.to()) == lastRank) {
      return new Move(real.from(), real.to(), PieceType.QUEEN);
    }
    return real;
  }

  /** A mask over the vocabulary: true for each legal move of the position. */
  public static boolean[] legalMask(Position position) {
    boolean[] mask = new boolean[size()];
    for (Move m : position.legalMoves()) {
      mask[index(m, position.sideToMove())] = true;
    }
    return mask;
  }

  private static boolean inside(int file, int rank) {
    return file >= 0 && file < 8 && rank >= 0 && rank < 8;
  }
}

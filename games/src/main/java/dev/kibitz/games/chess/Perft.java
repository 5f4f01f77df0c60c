package dev.kibitz.games.chess;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Perft: the number of leaf nodes of the legal move tree to a given depth, the standard correctness check
 * for a move generator (published counts: chessprogramming wiki, "Perft Results"). The last ply is counted,
 * not played.
 */
public final class Perft {
  private Perft() {}

  public static long count(Position position, int depth) {
    if (depth < 0) {
      throw new IllegalArgumentException("perft depth must be >= 0, got " + depth);
    }
    return depth == 0 ? 1 : nodes(position, depth);
  }

  /** Node count below each legal move at the root (depth - 1 plies each), ordered by UCI notation. */
  public static Map<Move, Long> divide(Position position, int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("perft divide needs depth >= 1, got " + depth);
    }
    Map<Move, Long> counts = new LinkedHashMap<>();
    position.legalMoves().stream().sorted(Comparator.comparing(Move::uci))
        .forEach(m -> counts.put(m, count(position.playPacked(m.packed()), depth - 1)));
    return counts;
  }

  private static long nodes(Position position, int depth) {
    int[] moves = new int[MoveGenerator.MAX_MOVES];
    int n = MoveGenerator.legal(position, moves);
    if (depth == 1) {
      return n;
    }
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += nodes(position.playPacked(moves[i]), depth - 1);
    }
    return total;
  }
}

package dev.kibitz.games.chess.engine;

import dev.kibitz.games.chess.Move;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a UCI {@code info} line a search result needs: depth, score (and whether it is exact rather
 * than a lower/upper bound) and the principal variation.
 */
record InfoLine(int depth, Score score, boolean exact, List<Move> pv) {

  /** Parses an info line with a score; returns null for any other line (strings, currmove, ...). */
  static InfoLine parse(String line) {
    String[] w = line.trim().split("\\s+");
    if (w.length == 0 || !w[0].equals("info")) {
      return null;
    }
    int depth = -1;
    Score score = null;
    boolean exact = true;
    List<Move> pv = new ArrayList<>();
    for (int i = 1; i < w.length; i++) {
      switch (w[i]) {
        case "string" -> {
          return null;
        }
        case "depth" -> depth = Integer.parseInt(w[++i]);
        case "score" -> {
          score = Score.parse(w[i + 1], w[i + 2]);
          i += 2;
        }
        case "lowerbound", "upperbound" -> exact = false;
        case "pv" -> {
          while (i + 1 < w.length) {
            pv.add(Move.parseUci(w[++i]));
          }
        }
        default -> {
          // other fields (seldepth, nodes, nps, time, multipv, hashfull, tbhits, wdl values) are not needed
        }
      }
    }
    return score == null ? null : new InfoLine(depth, score, exact, pv);
  }
}

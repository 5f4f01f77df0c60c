package dev.kibitz.games.chess.data;

import dev.kibitz.games.chess.engine.Stockfish;
import java.util.stream.IntStream;

/**
 * The skill levels games are played at: {@link #COUNT} Elo values spread evenly over Stockfish's
 * UCI_Elo range (1350 to 2850), which are also the agent's conditioning buckets.
 */
public final class EloLevels {
  public static final int COUNT = 8;

  private EloLevels() {}

  /** Level i of 0..COUNT-1: 1350, 1564, 1779, 1993, 2207, 2421, 2636, 2850. */
  public static int elo(int level) {
    if (level < 0 || level >= COUNT) {
      throw new IllegalArgumentException("Elo level " + level + " is outside [0, " + COUNT + ")");
    }
    return Stockfish.MIN_ELO + (int) Math.round(level * (Stockfish.MAX_ELO - Stockfish.MIN_ELO) / (double) (COUNT - 1));
  }

  /**
   * Nodes a move for a full-strength player at {@code elo}'s level: geometric in the level, from {@code weakest}
   * at the lowest to {@code strongest} at the highest.
   */
  public static long playNodes(int elo, long weakest, long strongest) {
    double t = bucket(elo) / (double) (COUNT - 1);
    return Math.round(weakest * Math.pow((double) strongest / weakest, t));
  }

  /** The level nearest to an Elo rating (the bucket a rating falls in). */
  public static int bucket(int elo) {
    return IntStream.range(0, COUNT).boxed().min((a, b) -> Integer.compare(Math.abs(elo(a) - elo),
        Math.abs(elo(b) - elo))).orElseThrow();
  }
}

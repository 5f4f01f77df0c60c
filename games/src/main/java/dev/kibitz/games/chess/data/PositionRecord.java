package dev.kibitz.games.chess.data;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import java.util.List;

/**
 * One position of a generated game: where it stood, the move the player made, both players'
 * Elo, and Stockfish's verdict at a fixed depth (its best move, the score from the mover's view,
 * and the centipawns the played move lost against it). One TSV line in the data file.
 */
public record PositionRecord(int game, int ply, String fen, Move played, int moverElo, int opponentElo,
    Move best, int scoreCp, int cpLoss, String result) {

  public static final List<String> COLUMNS = List.of("game", "ply", "fen", "move", "mover_elo", "opponent_elo",
      "best_move", "score_cp", "cp_loss", "result");

  /** The held-out rule of the game data: games numbered 0 mod 10 in every shard are never trained on. */
  public static boolean isHeldOutGame(int game) {
    return game % 10 == 0;
  }

  public String toTsv() {
    return String.join("\t", String.valueOf(game), String.valueOf(ply), fen, played.uci(),
        String.valueOf(moverElo), String.valueOf(opponentElo), best.uci(), String.valueOf(scoreCp),
        String.valueOf(cpLoss), result);
  }

  /** Parses a line written by {@link #toTsv}; a malformed one is named with its problem. */
  public static PositionRecord parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != COLUMNS.size()) {
      throw new IllegalArgumentException("a position line has " + COLUMNS.size() + " tab-separated fields, got "
          + f.length + ": " + line);
    }
    try {
      Position.fromFen(f[2]);
      return new PositionRecord(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], Move.parseUci(f[3]),
          Integer.parseInt(f[4]), Integer.parseInt(f[5]), Move.parseUci(f[6]), Integer.parseInt(f[7]),
          Integer.parseInt(f[8]), f[9]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number in position line: " + line, e);
    }
  }
}

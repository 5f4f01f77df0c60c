package dev.kibitz.games.chess.engine;

import dev.kibitz.games.chess.Move;
import java.util.List;
import java.util.Optional;

/**
 * The result of one search: the engine's best move (none when the side to move is mated or stalemated), its
 * score from the side to move's view, and the principal variation of the last completed iteration.
 */
public record Analysis(Optional<Move> bestMove, Score score, int depth, List<Move> principalVariation) {
  public Analysis {
    principalVariation = List.copyOf(principalVariation);
  }
}

package dev.kibitz.games.chess.agent;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.data.EloLevels;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test examples: positions of seeded random games, each with a random legal move played, a random "best" move and random Elo levels. */
final class RandomGameExamples {
  private RandomGameExamples() {}

  static ChessExamples of(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ChessExamples.Example> out = new ArrayList<>();
    Position p = Position.start();
    while (out.size() < n) {
      List<Move> moves = p.legalMoves();
      if (moves.isEmpty()) {
        p = Position.start();
        continue;
      }
      Move played = moves.get(random.nextInt(moves.size()));
      Move best = moves.get(random.nextInt(moves.size()));
      out.add(new ChessExamples.Example(p.toFen(), MoveVocabulary.index(played, p.sideToMove()),
          EloLevels.elo(random.nextInt(8)), EloLevels.elo(random.nextInt(8)),
          MoveVocabulary.index(best, p.sideToMove()), 0));
      p = p.play(played);
    }
    return new ChessExamples(out);
  }
}

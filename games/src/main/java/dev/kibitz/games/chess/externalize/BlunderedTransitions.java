package dev.kibitz.games.chess.externalize;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.kibitz.games.chess.agent.ChessExamples;
import java.util.ArrayList;
import java.util.List;

/**
 * The "blundered transitional" positions of a skill-conditioned policy: those where, conditioned on a low
 * Elo, its top move loses at least {@code blunderCentipawns} against Stockfish's best at a fixed depth,
 * while conditioned on a high Elo (same position, same opponent Elo) its top move loses at most
 * {@code soundCentipawns}. The policy knows the sound move; the low conditioning does not play it.
 */
public final class BlunderedTransitions {
  /** What counts as a blunder and as sound, in centipawns lost against the engine's best move. */
  public record Thresholds(int blunderCentipawns, int soundCentipawns) {
    public static final Thresholds DEFAULT = new Thresholds(200, 50);

    public Thresholds {
      if (soundCentipawns < 0 || blunderCentipawns <= soundCentipawns) {
        throw new IllegalArgumentException("need 0 <= sound < blunder centipawns, got sound " + soundCentipawns
            + " and blunder " + blunderCentipawns);
      }
    }
  }

  /** One position: the low-Elo blunder, the high-Elo sound move (vocabulary indices), their losses, its group. */
  public record Transition(ChessExamples.Example position, int lowMove, int highMove, int lowLoss, int highLoss,
      String concept) {
    /** The example to learn: the sound move, under the low conditioning. */
    public ChessExamples.Example lesson(int lowElo) {
      return new ChessExamples.Example(position.fen(), highMove, lowElo, position.opponentElo(), position.best(),
          position.cpLoss());
    }
  }

  /** What a search found: candidates looked at, those whose top move differs between the Elos, the transitions. */
  public record Found(int candidates, int differing, List<Transition> transitions) {}

  private BlunderedTransitions() {}

  /** Told how many of the positions whose move changes with Elo Stockfish has judged, out of how many. */
  @FunctionalInterface
  public interface Judged {
    void of(int done, int total);
  }

  /** Searches {@code candidates}; {@code judged} hears how the Stockfish judging goes. */
  public static Found find(Block policy, NDManager manager, List<ChessExamples.Example> candidates, int lowElo,
      int highElo, MoveJudge judge, Thresholds thresholds, Judged judged) throws InterruptedException {
    int[] low = PolicyChoices.at(policy, manager, candidates, lowElo);
    int[] high = PolicyChoices.at(policy, manager, candidates, highElo);
    List<Integer> differing = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (low[i] != high[i]) {
        differing.add(i);
      }
    }
    int n = differing.size();
    List<String> fens = new ArrayList<>(2 * n);
    int[] moves = new int[2 * n];
    for (int k = 0; k < n; k++) {
      int i = differing.get(k);
      fens.add(candidates.get(i).fen());
      fens.add(candidates.get(i).fen());
      moves[2 * k] = low[i];
      moves[2 * k + 1] = high[i];
    }
    int[] losses = judge.losses(fens, moves, done -> judged.of(done / 2, n));
    List<Transition> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int lowLoss = losses[2 * k];
      int highLoss = losses[2 * k + 1];
      if (lowLoss >= thresholds.blunderCentipawns() && highLoss <= thresholds.soundCentipawns()) {
        int i = differing.get(k);
        out.add(new Transition(candidates.get(i), low[i], high[i], lowLoss, highLoss,
            BlunderConcept.of(candidates.get(i).fen(), low[i], high[i])));
      }
    }
    return new Found(candidates.size(), n, out);
  }
}

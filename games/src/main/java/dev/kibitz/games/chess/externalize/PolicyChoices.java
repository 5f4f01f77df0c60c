package dev.kibitz.games.chess.externalize;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.kibitz.games.chess.agent.ChessAgentTrainer;
import dev.kibitz.games.chess.agent.ChessExamples;
import java.util.List;

/** The chess policy's most likely move (a vocabulary index, mover's frame) per position at a chosen mover Elo. */
public final class PolicyChoices {
  private static final int BATCH = 256;

  private PolicyChoices() {}

  /** Top moves with every position conditioned on {@code moverElo} (the opponent's Elo as recorded). */
  public static int[] at(Block policy, NDManager manager, List<ChessExamples.Example> positions, int moverElo) {
    return top(policy, manager, positions.stream().map(p -> p.withMoverElo(moverElo)).toList());
  }

  /** Top moves with each position conditioned as recorded. */
  public static int[] asRecorded(Block policy, NDManager manager, List<ChessExamples.Example> positions) {
    return top(policy, manager, positions);
  }

  private static int[] top(Block policy, NDManager manager, List<ChessExamples.Example> positions) {
    int[] out = new int[positions.size()];
    for (int from = 0; from < positions.size(); from += BATCH) {
      List<ChessExamples.Example> batch = positions.subList(from, Math.min(positions.size(), from + BATCH));
      try (NDManager scratch = manager.newSubManager()) {
        long[] best = policy.forward(new ParameterStore(scratch, false),
            ChessAgentTrainer.inputs(scratch, batch, policy),
            false).singletonOrThrow().argMax(1).toLongArray();
        for (int i = 0; i < best.length; i++) {
          out[from + i] = (int) best[i];
        }
      }
    }
    return out;
  }
}

package dev.kibitz.games.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import org.junit.jupiter.api.Test;

class ChessPolicyTest {
  /**
   * Regression for libtorch 2.7.1's oneDNN: an 18-channel stem input at batch 256 came out NaN in
   * about a quarter of forwards (an unzeroed padded layout). Thirty forwards of the same batch must
   * all be finite and byte-identical; with the bug, one in four was poisoned.
   */
  @Test
  void batch256ForwardsAreFiniteAndRepeatable() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ChessPolicy policy = new ChessPolicy(ChessPolicy.SMALL);
      policy.initialize(manager, DataType.FLOAT32, ChessPolicy.inputShapes(1));
      SeededWeights.fill(policy, 0);
      NDArray board = manager.randomUniform(0, 1, new Shape(256, 18, 8, 8)).gt(0.8f).toType(DataType.FLOAT32, false);
      NDArray mover = manager.randomInteger(0, 8, new Shape(256), DataType.INT32).oneHot(8);
      NDArray opponent = manager.randomInteger(0, 8, new Shape(256), DataType.INT32).oneHot(8);
      NDArray legal = manager.ones(new Shape(256, MoveVocabulary.size()));
      NDList inputs = new NDList(board, mover, opponent, legal);
      float[] first = null;
      for (int i = 0; i < 30; i++) {
        try (NDManager step = manager.newSubManager()) {
          NDArray logits = policy.forward(new ParameterStore(step, false), inputs, false).singletonOrThrow();
          assertArrayEquals(new long[] {256, MoveVocabulary.size()}, logits.getShape().getShape());
          assertFalse(logits.isNaN().any().getBoolean() || logits.isInfinite().any().getBoolean(),
              "forward " + i + " has non-finite logits");
          float[] values = logits.toFloatArray();
          if (first == null) {
            first = values;
          } else {
            assertArrayEquals(first, values, "forward " + i + " differs from the first");
          }
        }
      }
      assertEquals(256L * MoveVocabulary.size(), first.length);
    }
  }
}

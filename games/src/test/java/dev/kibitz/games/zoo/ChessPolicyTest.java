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

  /**
   * The ordinal Elo code is a thermometer times the embedding: an ordinal policy equals a one-hot policy
   * whose embedding column for bucket b is the sum of the ordinal policy's columns 0..b, every other
   * weight the same. Adjacent buckets of the ordinal policy differ by exactly one learned step.
   */
  @Test
  void ordinalEloEqualsOneHotWithCumulativeEmbeddings() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ChessPolicy ordinal = new ChessPolicy(new ChessPolicy.Config(16, 1, 16, true));
      ordinal.initialize(manager, DataType.FLOAT32, ChessPolicy.inputShapes(1));
      SeededWeights.fill(ordinal, 3);
      ChessPolicy oneHot = new ChessPolicy(new ChessPolicy.Config(16, 1, 16, false));
      oneHot.initialize(manager, DataType.FLOAT32, ChessPolicy.inputShapes(1));
      var source = ordinal.getParameters();
      var target = oneHot.getParameters();
      for (int i = 0; i < source.size(); i++) {
        NDArray w = source.valueAt(i).getArray();
        String name = source.keyAt(i);
        assertEquals(name, target.keyAt(i));
        // Linear weights are [units, 8]: column b of the one-hot twin is the sum of columns 0..b.
        (name.contains("elo") ? w.cumSum(1) : w).copyTo(target.valueAt(i).getArray());
      }
      NDArray board = manager.randomUniform(0, 1, new Shape(64, 18, 8, 8)).gt(0.8f).toType(DataType.FLOAT32, false);
      NDArray mover = manager.arange(64).toType(DataType.INT32, false).mod(8).oneHot(8);
      NDArray opponent = manager.arange(64).toType(DataType.INT32, false).div(8).oneHot(8);
      NDList inputs = new NDList(board, mover, opponent, manager.ones(new Shape(64, MoveVocabulary.size())));
      float[] a = ordinal.forward(new ParameterStore(manager, false), inputs, false).singletonOrThrow().toFloatArray();
      float[] b = oneHot.forward(new ParameterStore(manager, false), inputs, false).singletonOrThrow().toFloatArray();
      assertArrayEquals(b, a, 1e-4f);
    }
  }

  @Test
  void architectureTextRoundTripsAndOldCheckpointsAreOneHot() {
    assertEquals(ChessPolicy.SMALL_ORDINAL, ChessPolicy.Config.parse(ChessPolicy.SMALL_ORDINAL.describe()));
    assertEquals(ChessPolicy.SMALL, ChessPolicy.Config.parse("Config[channels=64, blocks=6, headChannels=32]"));
    assertEquals("not a chess policy architecture: 'Config[channels=64]'",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> ChessPolicy.Config.parse("Config[channels=64]")).getMessage());
  }
}

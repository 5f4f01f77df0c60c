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

  @Test
  void tacticalArchitectureTextRoundTripsAndOlderTextIsUnchanged() {
    assertEquals(ChessPolicy.SMALL_TACTICAL, ChessPolicy.Config.parse(ChessPolicy.SMALL_TACTICAL.describe()));
    assertEquals("Config[channels=64, blocks=6, headChannels=32, ordinalElo=true, tacticalPlanes=true, "
        + "eloEveryBlock=true]", ChessPolicy.SMALL_TACTICAL.describe());
    // what the shipped checkpoints' metadata says, so they must keep reading as the plain-board policy
    assertEquals("Config[channels=64, blocks=6, headChannels=32, ordinalElo=true]", ChessPolicy.SMALL_ORDINAL.describe());
    assertEquals(32, ChessPolicy.SMALL_TACTICAL.boardPlanes());
    assertEquals(18, ChessPolicy.SMALL_ORDINAL.boardPlanes());
  }

  /**
   * With every block's Elo layer at zero the policy is the policy without them (all other weights equal); with
   * the stem's Elo embeddings at zero instead, the mover's Elo still changes the logits, through the blocks.
   */
  @Test
  void eloInFrontOfEveryBlockIsAnAddedTermOnTheResidualStream() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ChessPolicy.Config withBlocks = new ChessPolicy.Config(16, 3, 16, true, true, true);
      ChessPolicy.Config without = new ChessPolicy.Config(16, 3, 16, true, true, false);
      ChessPolicy every = new ChessPolicy(withBlocks);
      every.initialize(manager, DataType.FLOAT32, ChessPolicy.inputShapes(1, withBlocks));
      SeededWeights.fill(every, 5);
      ChessPolicy plain = new ChessPolicy(without);
      plain.initialize(manager, DataType.FLOAT32, ChessPolicy.inputShapes(1, without));
      var source = every.getParameters();
      java.util.List<String> blockElo = new java.util.ArrayList<>();
      for (int i = 0; i < source.size(); i++) {
        if (source.keyAt(i).matches("\\d*block\\d_elo_weight")) {
          blockElo.add(source.keyAt(i));
          assertArrayEquals(new long[] {16, 16}, source.valueAt(i).getArray().getShape().getShape());
        }
      }
      assertEquals(java.util.List.of("block1_elo_weight", "block2_elo_weight"),
          blockElo.stream().map(name -> name.replaceFirst("^\\d+", "")).toList(), "none in front of block 0");
      var target = plain.getParameters();
      assertEquals(source.size() - 2, target.size());
      java.util.Map<String, NDArray> byName = new java.util.HashMap<>(); // child indices differ, names do not
      for (int i = 0; i < source.size(); i++) {
        byName.put(source.keyAt(i).replaceFirst("^\\d+", ""), source.valueAt(i).getArray());
      }
      for (int i = 0; i < target.size(); i++) {
        byName.get(target.keyAt(i).replaceFirst("^\\d+", "")).copyTo(target.valueAt(i).getArray());
      }
      NDArray board = manager.randomUniform(0, 1, new Shape(8, 32, 8, 8)).gt(0.8f).toType(DataType.FLOAT32, false);
      NDArray mover = manager.arange(8).toType(DataType.INT32, false).oneHot(8);
      NDArray opponent = manager.full(new Shape(8), 3, DataType.INT32).oneHot(8);
      NDList inputs = new NDList(board, mover, opponent, manager.ones(new Shape(8, MoveVocabulary.size())));
      float[] plainLogits = forward(plain, manager, inputs);
      org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(plainLogits, forward(every, manager, inputs)));
      blockElo.forEach(name -> byName.get(name.replaceFirst("^\\d+", "")).muli(0));
      assertArrayEquals(plainLogits, forward(every, manager, inputs), 1e-5f);

      SeededWeights.fill(every, 5);
      for (int i = 0; i < source.size(); i++) {
        if (source.keyAt(i).matches("\\d*mover_elo_weight")) {
          source.valueAt(i).getArray().muli(0);
        }
      }
      NDArray sameBoards = board.get("0:1").repeat(0, 8);
      float[] logits = forward(every, manager, new NDList(sameBoards, mover, opponent, inputs.get(3)));
      int n = MoveVocabulary.size();
      org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(logits, 0, n),
          java.util.Arrays.copyOfRange(logits, 7 * n, 8 * n)), "Elo 0 and Elo 7 give the same logits");
    }
  }

  private static float[] forward(ChessPolicy policy, NDManager manager, NDList inputs) {
    return policy.forward(new ParameterStore(manager, false), inputs, false).singletonOrThrow().toFloatArray();
  }
}

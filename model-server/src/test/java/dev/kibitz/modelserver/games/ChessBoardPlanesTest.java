package dev.kibitz.modelserver.games;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kibitz.core.model.BlockHookedModel;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.encode.ChessEncoder;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import dev.kibitz.games.zoo.ChessPolicy;
import dev.kibitz.proto.v1.ChessState;
import dev.kibitz.proto.v1.GameState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server encodes chess states with the board planes the model takes: 18, or 32 with the tactical planes. */
class ChessBoardPlanesTest {
  private static final String FEN = "6k1/5ppp/8/8/6n1/8/8/R2Q2K1 w - - 0 1";

  private static Map<String, HostTensor> encodeFor(ChessPolicy.Config config) {
    try (NDManager manager = NDManager.newBaseManager()) {
      ChessPolicy block = new ChessPolicy(config);
      block.initialize(manager, DataType.FLOAT32, ChessPolicy.inputShapes(1, config));
      List<TensorSpec> outputs = List.of(new TensorSpec("logits", DType.FLOAT32, new long[] {MoveVocabulary.size()},
          List.of("move"), "logits"));
      var model = new BlockHookedModel("chess", "test", block, manager,
          ChessEncoder.inputSpecs(config.tacticalPlanes()), outputs);
      GameState state = GameState.newBuilder().setChess(ChessState.newBuilder().setFen(FEN).setMoverElo(1600)
          .setOpponentElo(2400)).build();
      return GameStates.encode(model, List.of(state, state));
    }
  }

  @Test
  void aTacticalModelGetsTheTacticalPlanesAndAPlainOneDoesNot() {
    List<ChessEncoder.State> states = List.of(new ChessEncoder.State(Position.fromFen(FEN), 1600, 2400),
        new ChessEncoder.State(Position.fromFen(FEN), 1600, 2400));
    for (boolean tactical : new boolean[] {false, true}) {
      Map<String, HostTensor> got = encodeFor(tactical ? ChessPolicy.SMALL_TACTICAL : ChessPolicy.SMALL_ORDINAL);
      Map<String, HostTensor> want = ChessEncoder.encode(states, tactical);
      assertEquals(want.keySet(), got.keySet());
      assertArrayEquals(new long[] {2, tactical ? 32 : 18, 8, 8}, got.get(ChessEncoder.BOARD).shape());
      want.forEach((name, t) -> assertTrue(t.sameAs(got.get(name)), name + " differs, tactical " + tactical));
    }
  }
}

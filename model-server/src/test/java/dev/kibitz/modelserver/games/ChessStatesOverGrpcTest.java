package dev.kibitz.modelserver.games;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.encode.ChessEncoder;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import dev.kibitz.games.zoo.ZooModels;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.testing.SharedServer;
import dev.kibitz.proto.v1.ChessState;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.GameState;
import dev.kibitz.proto.v1.NamedTensor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chess positions sent as game states: encoded by the server, legal moves only, bad states refused. */
class ChessStatesOverGrpcTest extends SharedServer {
  private static final String KIWIPETE = "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1";

  private static BatchResult forward(String model, ForwardBatch batch) {
    ForwardOpen.Builder open = ForwardOpen.newBuilder().setModel(model);
    if (model.equals(ZooModels.CHESS_POLICY)) {
      open.addCapture("blocks.5.resid_out");
    }
    try (ForwardStream s = client.openForward(open.build())) {
      s.send(ForwardRequest.newBuilder().setBatch(batch).build());
      return s.receive();
    }
  }

  private static GameState chess(String fen, int mover, int opponent) {
    return GameState.newBuilder().setChess(ChessState.newBuilder().setFen(fen).setMoverElo(mover)
        .setOpponentElo(opponent)).build();
  }

  @Test
  void statesEncodeLikeTheClientSideEncoderAndOnlyLegalMovesGetProbability() {
    ForwardBatch states = ForwardBatch.newBuilder().addStates(chess(Position.START_FEN, 1500, 1900))
        .addStates(chess(KIWIPETE, 2850, 1350)).build();
    Map<String, dev.kibitz.core.tensor.HostTensor> encoded = ChessEncoder.encode(List.of(
        new ChessEncoder.State(Position.start(), 1500, 1900), new ChessEncoder.State(Position.fromFen(KIWIPETE), 2850,
            1350)));
    ForwardBatch.Builder tensors = ForwardBatch.newBuilder();
    encoded.forEach((name, t) -> tensors.addInputs(NamedTensor.newBuilder().setName(name)
        .setTensor(TensorCodec.toProto(t))));
    BatchResult fromStates = forward(ZooModels.CHESS_POLICY, states);
    BatchResult fromTensors = forward(ZooModels.CHESS_POLICY, tensors.build());
    assertTrue(fromTensors.outputs().get("logits").sameAs(fromStates.outputs().get("logits")));
    assertArrayEquals(new long[] {2, 64, 8, 8}, fromStates.captures().get("blocks.5.resid_out").shape());

    float[] logits = fromStates.outputs().get("logits").toFloats();
    for (int i = 0; i < 2; i++) {
      Position p = i == 0 ? Position.start() : Position.fromFen(KIWIPETE);
      float[] probabilities = dev.kibitz.core.tensor.Logits.softmax(logits, i * MoveVocabulary.size(),
          MoveVocabulary.size());
      boolean[] legal = MoveVocabulary.legalMask(p);
      double sum = 0;
      for (int m = 0; m < legal.length; m++) {
        if (!legal[m]) {
          assertEquals(0f, probabilities[m], "illegal move " + MoveVocabulary.move(m).uci());
        }
        sum += probabilities[m];
      }
      assertEquals(1.0, sum, 1e-5);
    }
    int e2e4 = MoveVocabulary.index(Move.parseUci("e2e4"), dev.kibitz.games.chess.Side.WHITE);
    assertTrue(logits[e2e4] > -1e6, "a legal move keeps its logit");
  }

  @Test
  void theEloConditioningChangesTheOutput() {
    BatchResult weak = forward(ZooModels.CHESS_POLICY, ForwardBatch.newBuilder()
        .addStates(chess(KIWIPETE, 1350, 1350)).build());
    BatchResult strong = forward(ZooModels.CHESS_POLICY, ForwardBatch.newBuilder()
        .addStates(chess(KIWIPETE, 2850, 1350)).build());
    assertTrue(!weak.outputs().get("logits").sameAs(strong.outputs().get("logits")));
  }

  private static String refusal(String model, GameState... states) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> forward(model, ForwardBatch.newBuilder().addAllStates(List.of(states)).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    return e.getStatus().getDescription();
  }

  @Test
  void badChessStatesAreRefusedNamingTheStateAndTheProblem() {
    String model = ZooModels.CHESS_POLICY;
    assertTrue(refusal(model, chess("rnbqkbnr/pppppppp/8/8 w KQkq - 0 1", 1500, 1500))
        .startsWith("state 0: bad FEN"));
    assertEquals("state 1: mover_elo 900 is outside [1000, 3000]",
        refusal(model, chess(Position.START_FEN, 1500, 1500), chess(Position.START_FEN, 900, 1500)));
    assertEquals("state 0: opponent_elo 3100 is outside [1000, 3000]",
        refusal(model, chess(Position.START_FEN, 1500, 3100)));
    assertTrue(refusal(model, chess("7k/6Q1/6K1/8/8/8/8/8 b - - 0 1", 1500, 1500))
        .startsWith("state 0: the game is over (checkmate)"));
    assertTrue(refusal("resconv-policy", chess(Position.START_FEN, 1500, 1500))
        .startsWith("model 'resconv-policy' does not take chess states"));
  }
}

package dev.kibitz.games.chess.externalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.agent.ChessExamples;
import dev.kibitz.games.chess.agent.ShippedChessPolicy;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import dev.kibitz.games.zoo.ChessPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HeadFineTunerTest {
  private static final String FEN = "4k3/8/3p4/8/8/5N2/8/4K3 w - - 0 1";

  @Test
  void theHeadIsTheHeadConvAndTheMovePlaneConv() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      ChessPolicy p = ShippedChessPolicy.policy(ShippedChessPolicy.SEEDED, m);
      assertEquals(List.of("11head_bias", "11head_weight", "13policy_bias", "13policy_weight"),
          List.copyOf(HeadFineTuner.digests(p, ChessPolicy::isPolicyHead).keySet()));
      assertEquals(28, HeadFineTuner.digests(p, n -> !ChessPolicy.isPolicyHead(n)).size());
    }
  }

  @Test
  void fineTuningLearnsTheLessonAndLeavesEveryBackboneByte() throws Exception {
    int lesson = MoveVocabulary.index(Move.parseUci("f3d4"), Position.fromFen(FEN).sideToMove());
    List<ChessExamples.Example> lessons = List.of(new ChessExamples.Example(FEN, lesson, 1350, 1550));
    try (NDManager m = NDManager.newBaseManager()) {
      ChessPolicy p = ShippedChessPolicy.policy(ShippedChessPolicy.SEEDED, m);
      Map<String, String> backbone = HeadFineTuner.digests(p, n -> !ChessPolicy.isPolicyHead(n));
      Map<String, String> head = HeadFineTuner.digests(p, ChessPolicy::isPolicyHead);
      List<Double> losses = HeadFineTuner.fineTune(p, m, lessons, List.of(),
          new HeadFineTuner.Config(3, 40, 4, 1e-2f, 0));
      assertEquals(40, losses.size());
      assertTrue(losses.get(39) < 0.1 * losses.get(0), "loss " + losses.get(0) + " -> " + losses.get(39));
      assertEquals(backbone, HeadFineTuner.digests(p, n -> !ChessPolicy.isPolicyHead(n)));
      Map<String, String> after = HeadFineTuner.digests(p, ChessPolicy::isPolicyHead);
      head.forEach((name, digest) -> assertNotEquals(digest, after.get(name), name + " did not change"));
      assertEquals(lesson, PolicyChoices.asRecorded(p, m, lessons)[0]);
    }
  }

  @Test
  void theSameSeedGivesTheSameHead() throws Exception {
    ChessExamples.Example e = new ChessExamples.Example(FEN,
        MoveVocabulary.index(Move.parseUci("f3d4"), Position.fromFen(FEN).sideToMove()), 1350, 1550);
    ChessExamples.Example rehearsed = new ChessExamples.Example(FEN,
        MoveVocabulary.index(Move.parseUci("e1d1"), Position.fromFen(FEN).sideToMove()), 2850, 1550);
    HeadFineTuner.Config config = new HeadFineTuner.Config(5, 6, 8, 1e-3f, 0.5);
    Map<String, String> first;
    try (NDManager m = NDManager.newBaseManager()) {
      ChessPolicy p = ShippedChessPolicy.policy(ShippedChessPolicy.SEEDED, m);
      HeadFineTuner.fineTune(p, m, List.of(e), List.of(rehearsed), config);
      first = HeadFineTuner.digests(p, n -> true);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      ChessPolicy p = ShippedChessPolicy.policy(ShippedChessPolicy.SEEDED, m);
      HeadFineTuner.fineTune(p, m, List.of(e), List.of(rehearsed), config);
      assertEquals(first, HeadFineTuner.digests(p, n -> true));
    }
  }

  @Test
  void fineTuningWorksInAThreadDjlDidNotStart() throws Exception {
    // PyTorch's grad mode is on by default in a new thread; the in-place update must still be allowed
    ChessExamples.Example e = new ChessExamples.Example(FEN,
        MoveVocabulary.index(Move.parseUci("f3d4"), Position.fromFen(FEN).sideToMove()), 1350, 1550);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger steps = new AtomicInteger();
    Thread t = new Thread(() -> {
      try (NDManager m = NDManager.newBaseManager()) {
        ChessPolicy p = ShippedChessPolicy.policy(ShippedChessPolicy.SEEDED, m);
        steps.set(HeadFineTuner.fineTune(p, m, List.of(e), List.of(), new HeadFineTuner.Config(1, 3, 2, 1e-3f, 0))
            .size());
      } catch (Throwable x) {
        failure.set(x);
      }
    });
    t.start();
    t.join();
    assertEquals(null, failure.get());
    assertEquals(3, steps.get());
  }

  @Test
  void badSettingsAreRefused() {
    assertEquals("steps and batch size must be >= 1, the learning rate > 0 and the rehearsal share in [0, 1), got "
        + "1, 1, 0.001, 1.0", assertThrows(IllegalArgumentException.class,
            () -> new HeadFineTuner.Config(0, 1, 1, 1e-3f, 1)).getMessage());
  }
}

package dev.kibitz.games.chess.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.games.zoo.ChessPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny chess policy memorizes a few positions' moves, the same bytes every run. */
class ChessAgentTrainerTest {
  private static final ChessPolicy.Config TINY = new ChessPolicy.Config(16, 1, 16);

  private static ChessExamples examples(int n) {
    return RandomGameExamples.of(n, 3);
  }

  @Test
  void lossFallsOnAFixedSetAndTheRunIsReproducible(@TempDir Path dir) throws Exception {
    ChessExamples data = examples(16);
    ChessAgentTrainer.Config config = new ChessAgentTrainer.Config(5, 16, 30, 5e-3f, 3, List.of(0, 30), TINY);
    List<Double> losses = new ArrayList<>();
    List<Path> first = new ChessAgentTrainer(config).train(data, dir.resolve("a"), (step, loss) -> losses.add(loss));
    List<Path> second = new ChessAgentTrainer(config).train(data, dir.resolve("b"), (step, loss) -> { });
    assertEquals(List.of("step-000000.safetensors", "step-000030.safetensors"),
        first.stream().map(p -> p.getFileName().toString()).toList());
    double start = losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double end = losses.subList(25, 30).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertTrue(end < 0.5 * start, "mean loss of the first 5 steps " + start + ", of the last 5 " + end);
    assertArrayEquals(Files.readAllBytes(first.get(1)), Files.readAllBytes(second.get(1)));
  }

  @Test
  void trainingFromACheckpointStartsFromItsWeights(@TempDir Path dir) throws Exception {
    ChessExamples data = examples(16);
    ChessAgentTrainer.Config config = new ChessAgentTrainer.Config(5, 16, 30, 5e-3f, 3, List.of(30), TINY);
    Path trained = new ChessAgentTrainer(config).train(data, dir.resolve("a"), (step, loss) -> { }).get(0);
    List<Double> resumed = new ArrayList<>();
    ChessAgentTrainer.Config more = new ChessAgentTrainer.Config(6, 16, 5, 1e-4f, 1, List.of(0, 5), TINY);
    List<Path> saved = new ChessAgentTrainer(more).train(data, dir.resolve("b"), trained, (s, l) -> resumed.add(l));
    assertEquals(List.of("step-000030.safetensors", "step-000035.safetensors"),
        saved.stream().map(p -> p.getFileName().toString()).toList(), "numbered on from the start checkpoint");
    assertEquals("35", Safetensors.read(saved.get(1)).metadata().get("step"));
    Safetensors.Contents source = Safetensors.read(trained);
    Safetensors.Contents start = Safetensors.read(saved.get(0));
    assertEquals(source.tensors().keySet(), start.tensors().keySet());
    for (String name : source.tensors().keySet()) {
      assertTrue(source.tensors().get(name).sameAs(start.tensors().get(name)), name);
    }
    assertEquals("step-000030.safetensors", start.metadata().get("init_from"));
    List<Double> fresh = new ArrayList<>();
    new ChessAgentTrainer(more).train(data, dir.resolve("c"), (s, l) -> fresh.add(l));
    assertTrue(resumed.get(0) < 0.5 * fresh.get(0), "first loss from the checkpoint " + resumed.get(0)
        + ", from seeded weights " + fresh.get(0));
  }

  @Test
  void theLearningRateWarmsUpThenDecaysToATenth() {
    ChessAgentTrainer.Config c = new ChessAgentTrainer.Config(0, 1, 100, 1f, 10, List.of(), TINY);
    assertEquals(0.1f, c.learningRateAt(1), 1e-6);
    assertEquals(1f, c.learningRateAt(10), 1e-6);
    assertEquals(0.55f, c.learningRateAt(55), 1e-6);
    assertEquals(0.1f, c.learningRateAt(100), 1e-6);
  }
}

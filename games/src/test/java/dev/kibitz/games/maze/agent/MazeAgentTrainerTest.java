package dev.kibitz.games.maze.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phased training with warm restarts, and resuming a stopped run to the same bytes. */
class MazeAgentTrainerTest {
  /** Two phases (4 + 6 steps), resume state every 3 steps. */
  static final TrainingConfig CONFIG = new TrainingConfig(3, 4, 50, 5,
      List.of(new TrainingConfig.Phase(4, 1e-3f, CloningExamples.Sampling.UNIFORM),
          new TrainingConfig.Phase(6, 5e-4f, CloningExamples.Sampling.LARGE_MAZES_HALF_ON_PATH)),
      List.of(0, 2, 4, 7, 10), 3);

  /** Thrown from the progress callback to stop a run after a given step, as a kill would. */
  static final class Stop extends RuntimeException {}

  static MazeAgentTrainer.Progress stopAfter(int last) {
    return (step, loss) -> {
      if (step == last) {
        throw new Stop();
      }
    };
  }

  @Test
  void resumedRunsEndWithTheSameBytesAsAnUninterruptedOne(@TempDir Path tmp) throws IOException {
    Path whole = tmp.resolve("whole");
    List<Integer> steps = new ArrayList<>();
    new MazeAgentTrainer(CONFIG).train(whole, (step, loss) -> steps.add(step));
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), steps);
    for (int cp : CONFIG.checkpoints()) {
      assertTrue(Files.exists(whole.resolve(MazeAgentTrainer.checkpointFile(cp))), "checkpoint " + cp);
    }

    // stopped mid-phase 1 after the resume state at step 6: continues from step 7
    Path midPhase = tmp.resolve("mid-phase");
    assertThrows(Stop.class, () -> new MazeAgentTrainer(CONFIG).train(midPhase, stopAfter(8)));
    List<Integer> resumed = new ArrayList<>();
    List<MazeAgentTrainer.Saved> saved = new MazeAgentTrainer(CONFIG).train(midPhase, true,
        (step, loss) -> resumed.add(step));
    assertEquals(List.of(7, 8, 9, 10), resumed);
    assertEquals(List.of(7, 10), saved.stream().map(MazeAgentTrainer.Saved::step).toList());
    assertSameBytes(whole, midPhase, 7);
    assertSameBytes(whole, midPhase, 10);
    assertArrayEquals(Files.readAllBytes(whole.resolve(ResumePoint.FILE)),
        Files.readAllBytes(midPhase.resolve(ResumePoint.FILE)), "float32 weights and Adam moments at step 9");

    // only the phase-end checkpoint survives (as when a shipped checkpoint seeds the next phase)
    Path phaseEnd = tmp.resolve("phase-end");
    Files.createDirectories(phaseEnd);
    Files.copy(whole.resolve(MazeAgentTrainer.checkpointFile(4)), phaseEnd.resolve(MazeAgentTrainer.checkpointFile(4)));
    List<Integer> fromBoundary = new ArrayList<>();
    new MazeAgentTrainer(CONFIG).train(phaseEnd, true, (step, loss) -> fromBoundary.add(step));
    assertEquals(List.of(5, 6, 7, 8, 9, 10), fromBoundary);
    assertSameBytes(whole, phaseEnd, 10);
    assertArrayEquals(Files.readAllBytes(whole.resolve(ResumePoint.FILE)),
        Files.readAllBytes(phaseEnd.resolve(ResumePoint.FILE)), "float32 weights and Adam moments at step 9");
  }

  @Test
  void aResumeStateAtAPhaseEndStillWarmRestarts(@TempDir Path tmp) throws IOException {
    TrainingConfig everyFour = new TrainingConfig(3, 4, 50, 5, CONFIG.phases(), CONFIG.checkpoints(), 4);
    Path whole = tmp.resolve("whole");
    new MazeAgentTrainer(everyFour).train(whole, (step, loss) -> { });
    Path stopped = tmp.resolve("stopped");
    assertThrows(Stop.class, () -> new MazeAgentTrainer(everyFour).train(stopped, stopAfter(6)));
    new MazeAgentTrainer(everyFour).train(stopped, true, (step, loss) -> { });
    assertSameBytes(whole, stopped, 10);
  }

  @Test
  void aResumeStateFromAnotherConfigIsRefused(@TempDir Path tmp) throws IOException {
    assertThrows(Stop.class, () -> new MazeAgentTrainer(CONFIG).train(tmp, stopAfter(4)));
    TrainingConfig other = new TrainingConfig(4, 4, 50, 5, CONFIG.phases(), CONFIG.checkpoints(), 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MazeAgentTrainer(other).train(tmp, true, (step, loss) -> { }));
    assertTrue(e.getMessage().contains("resume.safetensors was saved by a run with another config"), e.getMessage());
  }

  @Test
  void phasesAreCheckedAndLocated() {
    assertEquals(10, CONFIG.steps());
    assertEquals(0, CONFIG.phaseEnd(-1));
    assertEquals(4, CONFIG.phaseEnd(0));
    assertEquals(0, CONFIG.phaseOf(4));
    assertEquals(1, CONFIG.phaseOf(5));
    assertEquals(1e-3f, CONFIG.phases().get(0).learningRateAt(1));
    assertEquals(0.5e-3f, CONFIG.phases().get(0).learningRateAt(3), 1e-9f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TrainingConfig(3, 4, 50, 5, CONFIG.phases(), List.of(0, 2, 10), 3));
    assertEquals("phase end 4 must be a checkpoint", e.getMessage());
    assertFalse(TrainingConfig.standard().phases().isEmpty());
  }

  private static void assertSameBytes(Path a, Path b, int step) throws IOException {
    String name = MazeAgentTrainer.checkpointFile(step);
    assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
  }
}

package dev.kibitz.games.maze.agent;

import dev.kibitz.core.tensor.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a resumed training run picks up: the full-precision resume state if it is the latest
 * thing saved, else the latest phase-end checkpoint present (a warm restart needs only that),
 * else the start.
 */
record ResumePoint(int step, Path resumeState, Path phaseEndCheckpoint) {
  static final String FILE = "resume.safetensors";
  static final ResumePoint START = new ResumePoint(0, null, null);

  static ResumePoint latest(Path dir, TrainingConfig config) throws IOException {
    ResumePoint best = START;
    for (int i = 0; i < config.phases().size(); i++) {
      Path cp = dir.resolve(MazeAgentTrainer.checkpointFile(config.phaseEnd(i)));
      if (Files.exists(cp)) {
        best = new ResumePoint(config.phaseEnd(i), null, cp);
      }
    }
    Path state = dir.resolve(FILE);
    if (Files.exists(state)) {
      Safetensors.Contents c = Safetensors.read(state);
      if (!config.toString().equals(c.metadata().get("config"))) {
        throw new IllegalArgumentException(state + " was saved by a run with another config: "
            + c.metadata().get("config"));
      }
      int step = Integer.parseInt(c.metadata().get("step"));
      if (step > best.step()) {
        best = new ResumePoint(step, state, null);
      }
    }
    return best;
  }

  /** Puts the run's state where it was at {@link #step}. */
  void restore(TrainingState state, TrainingConfig config) throws IOException {
    if (resumeState != null) {
      state.restore(Safetensors.read(resumeState), resumeState.toString());
    } else if (phaseEndCheckpoint != null && step < config.steps()) {
      state.warmRestart(phaseEndCheckpoint);
    }
  }
}

package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonObject;
import dev.kibitz.games.chess.agent.ChessExamples;
import dev.kibitz.games.chess.agent.ShippedChessPolicy;
import dev.kibitz.games.chess.data.EloLevels;
import dev.kibitz.games.chess.engine.EngineSettings;
import dev.kibitz.games.chess.engine.Stockfish;
import dev.kibitz.games.chess.externalize.BlunderedTransitions;
import dev.kibitz.games.chess.externalize.HeadExternalization;
import dev.kibitz.games.chess.externalize.HeadFineTuner;
import dev.kibitz.games.chess.externalize.MoveJudge;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * {@code finetune-head}: externalization by head-only fine-tuning ({@link HeadExternalization}) on the
 * shipped chess policy. Runs in the orchestrator's JVM with a Stockfish pool of its own: the model server
 * serves forward passes and has no training API, and this step trains. Candidates and ordinary positions
 * are disjoint draws from the held-out games; rehearsal positions come from the training games.
 */
public final class FineTuneHeadStep implements StepType<FineTuneHeadStep.Config> {
  public static final String NAME = "finetune-head";

  /** What to search, how to judge, how to fine-tune. */
  public record Config(String checkpoint, Path data, int candidates, int ordinary, int rehearsal, int depth,
      int engines, HeadExternalization.Config experiment) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int version() {
    return 2; // 2: blind-change blunder rate; short figure columns
  }

  @Override
  public String description() {
    return "externalization by head-only fine-tuning of the chess policy on its blundered transitional positions, "
        + "per concept group; params: checkpoint, data, candidates, ordinary, rehearsal, low-elo, high-elo, "
        + "blunder-cp, sound-cp, depth, engines, steps, batch, learning-rate, rehearsal-share, test-fraction, "
        + "min-train, seed";
  }

  @Override
  public Config configure(Params p, StepCheck check) {
    String checkpoint = p.string("checkpoint", "");
    check.model("model", ShippedChessPolicy.NAME).ifPresent(m -> {
      if (!checkpoint.isEmpty() && !m.checkpoints().contains(checkpoint)) {
        p.problem("checkpoint", "model '" + ShippedChessPolicy.NAME + "' has no checkpoint '" + checkpoint
            + "' (it has " + String.join(", ", m.checkpoints()) + ")");
      }
    });
    Path data = CaptureChessStep.resolve(p.string("data", "data/chess"));
    if (!Files.isDirectory(data)) {
      p.problem("data", "no game shard folder at " + data + " (the chess data ships in data/chess)");
    }
    Path engine = EngineSettings.stockfish().binary();
    if (!Files.isExecutable(engine)) {
      p.problem(null, "Stockfish is not at " + engine + " (apt-get install stockfish, or set the binary's path)");
    }
    int low = elo(p, "low-elo", EloLevels.elo(0));
    int high = elo(p, "high-elo", EloLevels.elo(EloLevels.COUNT - 1));
    if (low >= high) {
      p.problem("high-elo", "must be above low-elo (" + low + "), got " + high);
    }
    int sound = (int) p.integer("sound-cp", 50, 0, 10_000);
    int blunder = (int) p.integer("blunder-cp", 200, 1, 100_000);
    if (blunder <= sound) {
      p.problem("blunder-cp", "must be above sound-cp (" + sound + "), got " + blunder);
    }
    long seed = p.integer("seed", 1, 0, Long.MAX_VALUE);
    HeadFineTuner.Config tuning = new HeadFineTuner.Config(seed, (int) p.integer("steps", 300, 1, 100_000),
        (int) p.integer("batch", 64, 1, 4096), (float) p.number("learning-rate", 3e-4, 1e-7, 1),
        p.number("rehearsal-share", 0.75, 0, 0.99));
    Config c = new Config(checkpoint, data, (int) p.integer("candidates", 4000, 10, 1_000_000),
        (int) p.integer("ordinary", 300, 1, 100_000), (int) p.integer("rehearsal", 2000, 0, 1_000_000),
        (int) p.integer("depth", 8, 1, 30), (int) p.integer("engines", 2, 1, 64), null);
    if (low >= high || blunder <= sound) {
      return c; // the problems are recorded; the experiment config would refuse them
    }
    return new Config(c.checkpoint(), c.data(), c.candidates(), c.ordinary(), c.rehearsal(), c.depth(), c.engines(),
        new HeadExternalization.Config(low, high, new BlunderedTransitions.Thresholds(blunder, sound), tuning,
            p.number("test-fraction", 0.3, 0.01, 0.99), (int) p.integer("min-train", 8, 1, 100_000), seed));
  }

  private static int elo(Params p, String key, int fallback) {
    int elo = (int) p.integer(key, fallback, 0, 10_000);
    for (int b = 0; b < EloLevels.COUNT; b++) {
      if (EloLevels.elo(b) == elo) {
        return elo;
      }
    }
    p.problem(key, elo + " is not an Elo level of the chess policy (1350 to 2850 in steps of 200 or so: "
        + java.util.stream.IntStream.range(0, EloLevels.COUNT).map(EloLevels::elo).boxed().toList() + ")");
    return elo;
  }

  @Override
  public JsonObject run(Config c, StepContext ctx) throws Exception {
    String checkpoint = c.checkpoint().isEmpty() ? ShippedChessPolicy.entry().defaultCheckpoint() : c.checkpoint();
    ChessExamples[] split = ChessExamples.load(c.data());
    List<ChessExamples.Example> heldOut = shuffled(split[1], c.experiment().seed());
    if (heldOut.size() < c.candidates() + c.ordinary()) {
      throw new IllegalArgumentException("the data has " + heldOut.size() + " held-out positions, fewer than "
          + c.candidates() + " candidates + " + c.ordinary() + " ordinary");
    }
    List<ChessExamples.Example> training = shuffled(split[0], c.experiment().seed() + 1);
    HeadExternalization.Result r;
    try (Stockfish stockfish = Stockfish.start(c.engines());
        MoveJudge judge = new MoveJudge(stockfish, c.engines(), c.depth())) {
      r = HeadExternalization.run(m -> ShippedChessPolicy.policy(checkpoint, m), heldOut.subList(0, c.candidates()),
          heldOut.subList(c.candidates(), c.candidates() + c.ordinary()),
          training.subList(0, Math.min(c.rehearsal(), training.size())), judge, c.experiment(),
          (f, message) -> ctx.progress(f, message));
    }
    return FineTuneHeadJson.of(ShippedChessPolicy.NAME, checkpoint, c, r);
  }

  private static List<ChessExamples.Example> shuffled(ChessExamples examples, long seed) {
    List<ChessExamples.Example> out = new ArrayList<>(examples.size());
    for (int i = 0; i < examples.size(); i++) {
      out.add(examples.get(i));
    }
    Collections.shuffle(out, new Random(seed));
    return out;
  }
}

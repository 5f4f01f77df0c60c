package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonObject;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.modelserver.client.Forwarder;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.eval.DownstreamFidelity;
import dev.kibitz.sae.eval.SaeEvaluator;
import dev.kibitz.sae.eval.SaeMetrics;
import dev.kibitz.steering.model.ModelAccess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs an SAE never trained on, with the hook's activations on them, captured once and measured against
 * as many SAEs as asked: held-out mazes (seeds from 10^9) for a maze capture; for a chess capture, the next
 * positions of each level's shuffle after the captured ones, under the same conditionings.
 */
final class SaeHeldOut {
  static final long HELD_OUT_SEED = dev.kibitz.games.maze.agent.TrainingConfig.HELD_OUT_SEED_BASE;

  /** Reconstruction on the held-out rows, and the model's output with the reconstruction spliced in. */
  record Measured(SaeMetrics metrics, DownstreamFidelity.Result fidelity) {}

  private final String model;
  private final String checkpoint;
  private final String hook;
  private final List<ForwardBatch> batches;
  private final RowBatch rows;

  private SaeHeldOut(String model, String checkpoint, String hook, List<ForwardBatch> batches, RowBatch rows) {
    this.model = model;
    this.checkpoint = checkpoint;
    this.hook = hook;
    this.batches = batches;
    this.rows = rows;
  }

  /** {@code count} held-out mazes (or positions per Elo level, for a chess capture) and their activations. */
  static SaeHeldOut capture(Forwarder models, JsonObject capture, boolean chess, int count, String hook)
      throws IOException {
    List<ForwardBatch> batches = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    if (chess) {
      List<Integer> elos = new ArrayList<>();
      capture.getAsJsonArray("elos").forEach(e -> elos.add(e.getAsInt()));
      ChessPositions heldOut = ChessPositions.heldOut(Path.of(capture.get("data").getAsString()), count,
          capture.get("seed").getAsLong(), elos, List.of(), capture.get("positions_per_elo").getAsInt());
      for (int i = 0; i < heldOut.batches(); i++) {
        ForwardBatch labelled = heldOut.batch(i);
        ids.addAll(BatchLabels.longs(labelled, "input_id"));
        batches.add(labelled.toBuilder().clearLabels().clearBatchId().build()); // no store: no labels
      }
    } else {
      MazeSquares heldOut = new MazeSquares(HELD_OUT_SEED, count, CheeseRegion.parse(capture.get("cheese")
          .getAsString()));
      for (int i = 0; i < heldOut.count(); i++) {
        batches.add(heldOut.batch(i, false));
        for (int j = 0; j < batches.get(i).getStatesCount(); j++) {
          ids.add((heldOut.firstSeed() + i) * 1_000 + j); // as a maze capture labels them
        }
      }
    }
    String model = capture.get("model").getAsString();
    String checkpoint = capture.get("checkpoint").getAsString();
    HostTensor x = HostTensor.ofRows(new ModelAccess(models).capture(model, checkpoint, hook, batches.stream()
        .flatMap(b -> b.getStatesList().stream()).toList()).rows());
    ByteBuffer idBytes = ByteBuffer.allocate(ids.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
    ids.forEach(idBytes::putLong);
    return new SaeHeldOut(model, checkpoint, hook, batches, new RowBatch(x, new HostTensor(DType.INT64,
        new long[] {ids.size()}, idBytes.flip())));
  }

  /** {@code sae} on the held-out rows, and with it replacing the hook's activation; {@code topExamples} per feature. */
  Measured measure(Forwarder models, Sae sae, int topExamples) {
    SaeMetrics metrics = SaeEvaluator.evaluate(sae, rows, topExamples);
    DownstreamFidelity.Result fidelity = DownstreamFidelity.measure(models, model, checkpoint, "logits",
        DownstreamFidelity.intervention(sae, hook, true, List.of()), batches);
    return new Measured(metrics, fidelity);
  }
}

package dev.kibitz.games.chess.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.core.model.BlockHookedModel;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped chess policy loads and reproduces its card's held-out move-match on the fixed sample. */
class ShippedChessPolicyTest {
  /** Every 10th held-out position, as `kibitz chess card` measured it (ChessCardCommand.SAMPLE_EVERY). */
  private static final int SAMPLE_EVERY = 10;
  /** A few argmax ties may break differently on another CPU: 0.3% of ~2700 positions is 8 of them. */
  private static final double TOLERANCE = 0.003;

  @Test
  void everyShippedCheckpointReproducesItsFixedSampleMoveMatch() throws Exception {
    ModelEntry entry = ShippedChessPolicy.entry();
    List<String> shipped = new ArrayList<>();
    List<Double> recorded = new ArrayList<>();
    for (JsonElement e : JsonParser.parseString(ShippedChessPolicy.text("training-log.json")).getAsJsonArray()) {
      JsonObject o = e.getAsJsonObject();
      if (o.get("shipped").getAsBoolean()) {
        shipped.add(ShippedChessPolicy.checkpointName(o.get("step").getAsInt()));
        recorded.add(o.get("fixed_sample_move_match").getAsDouble());
      }
    }
    assertTrue(!shipped.isEmpty(), "training-log.json marks no checkpoint shipped");
    List<String> names = new ArrayList<>(List.of(ShippedChessPolicy.SEEDED));
    names.addAll(shipped);
    assertEquals(names, entry.checkpoints().stream().map(ModelEntry.Checkpoint::name).toList());
    assertEquals(shipped.get(shipped.size() - 1), entry.defaultCheckpoint());

    ChessExamples heldOut = ChessExamples.load(Path.of("..", "data", "chess"))[1];
    List<ChessExamples.Example> sample = new ArrayList<>();
    for (int i = 0; i < heldOut.size(); i += SAMPLE_EVERY) {
      sample.add(heldOut.get(i));
    }
    for (int i = 0; i < shipped.size(); i++) {
      try (HookedModel model = ShippedChessPolicy.load(shipped.get(i), Device.cpu());
          NDManager scratch = model.manager().newSubManager()) {
        double measured = MoveMatch.of(((BlockHookedModel) model).block(), scratch, new ChessExamples(sample))
            .overall();
        assertEquals(recorded.get(i), measured, TOLERANCE, shipped.get(i) + " on " + sample.size() + " positions");
      }
    }
  }
}

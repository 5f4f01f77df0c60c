package dev.kibitz.sae.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.JumpReluSae;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaeCheckpointTest {
  @Test
  void savedFolderRebuildsTheSaeAndLeavesNoTempFiles(@TempDir Path dir) throws Exception {
    Map<String, HostTensor> w = Map.of(
        "W_enc", HostTensor.ofFloats(new long[] {1, 2}, 1, 2),
        "b_enc", HostTensor.ofFloats(new long[] {2}, 3, 4),
        "W_dec", HostTensor.ofFloats(new long[] {2, 1}, 5, 6),
        "b_dec", HostTensor.ofFloats(new long[] {1}, 7),
        "log_threshold", HostTensor.ofFloats(new long[] {2}, -1, -2));
    JsonObject training = new JsonObject();
    training.addProperty("steps", 9);
    Sae sae = new Sae(new JumpReluSae(0.5, 0.01, 0.001), 1, 2, 1.25, 9, w, training);
    SaeCheckpoint.save(sae, dir);
    SaeCheckpoint.save(sae, dir); // replacing an existing checkpoint goes through the same rename

    Sae back = SaeCheckpoint.load(dir);
    assertEquals(sae.architecture(), back.architecture());
    assertEquals(1.25, back.inputScale(), 0.0);
    assertEquals(9, back.step());
    w.forEach((k, v) -> assertTrue(v.sameAs(back.weights().get(k)), k));
    assertEquals(List.of("W_enc", "b_enc", "W_dec", "b_dec", "log_threshold"),
        List.copyOf(Safetensors.read(dir.resolve(SaeCheckpoint.WEIGHTS)).tensors().keySet()));
    JsonObject config = JsonParser.parseString(Files.readString(dir.resolve(SaeCheckpoint.CONFIG))).getAsJsonObject();
    assertEquals("jumprelu", config.get("architecture").getAsString());
    assertEquals(2, config.get("d_sae").getAsInt());
    try (var files = Files.list(dir)) {
      assertEquals(List.of("config.json", "weights.safetensors"), files.map(p -> p.getFileName().toString()).sorted()
          .toList());
    }
  }
}

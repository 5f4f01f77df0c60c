package dev.kibitz.sae.checkpoint;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.SaeArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The exported SAE, SAELens-style: weights.safetensors (FLOAT32 parameters by SAELens names) and
 * config.json beside it with the architecture, sizes, the input normalisation and the training
 * config, so the SAE can be rebuilt from the folder alone.
 */
public final class SaeCheckpoint {
  public static final String WEIGHTS = "weights.safetensors";
  public static final String CONFIG = "config.json";

  private SaeCheckpoint() {}

  public static void save(Sae sae, Path dir) throws IOException {
    Files.createDirectories(dir);
    JsonObject config = sae.architecture().toJson();
    config.addProperty("d_in", sae.dIn());
    config.addProperty("d_sae", sae.width());
    config.addProperty("dtype", "float32");
    config.addProperty("apply_b_dec_to_input", true);
    config.addProperty("normalize_activations", "expected_average_only_in");
    config.addProperty("input_scale", sae.inputScale());
    config.addProperty("step", sae.step());
    config.add("training", sae.training());
    Map<String, HostTensor> ordered = new java.util.LinkedHashMap<>();
    sae.architecture().shapes(sae.dIn(), sae.width()).keySet().forEach(k -> ordered.put(k, sae.weights().get(k)));
    AtomicFiles.write(dir.resolve(WEIGHTS), tmp -> Safetensors.write(tmp, ordered, Map.of("format", "pt")));
    AtomicFiles.writeString(dir.resolve(CONFIG), new GsonBuilder().setPrettyPrinting().create().toJson(config));
  }

  public static Sae load(Path dir) throws IOException {
    JsonObject c = JsonParser.parseString(Files.readString(dir.resolve(CONFIG))).getAsJsonObject();
    Safetensors.Contents w = Safetensors.read(dir.resolve(WEIGHTS));
    return new Sae(SaeArchitecture.fromJson(c), c.get("d_in").getAsInt(), c.get("d_sae").getAsInt(),
        c.get("input_scale").getAsDouble(), c.get("step").getAsInt(), w.tensors(),
        c.getAsJsonObject("training"));
  }
}

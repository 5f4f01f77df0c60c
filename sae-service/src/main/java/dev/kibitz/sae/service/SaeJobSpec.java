package dev.kibitz.sae.service;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.sae.arch.Architectures;
import dev.kibitz.sae.train.SaeTrainingConfig;
import java.util.Locale;
import java.util.Set;

/**
 * A requested SAE job's settings, as its work request's JSON carries them:
 * {@code {"architecture": "topk", "sparsity": 32, "width": 1024, "steps": 2000, "seed": 0}}; everything
 * else is the standard config ({@link SaeTrainingConfig#standard}), d_in the dataset's row width.
 */
public record SaeJobSpec(String architecture, double sparsity, int width, int steps, long seed) {
  private static final Set<String> KEYS = Set.of("architecture", "sparsity", "width", "steps", "seed");

  public SaeJobSpec {
    if (!Architectures.NAMES.contains(architecture)) {
      throw new IllegalArgumentException("architecture must be one of " + Architectures.NAMES + ", got '"
          + architecture + "'");
    }
    if (width < 1 || steps < 1 || seed < 0 || !(sparsity >= 0)) {
      throw new IllegalArgumentException("width and steps must be >= 1, seed and sparsity >= 0; got width " + width
          + ", steps " + steps + ", seed " + seed + ", sparsity " + sparsity);
    }
  }

  /** The training config for rows of {@code dIn} values. */
  public SaeTrainingConfig config(int dIn) {
    return SaeTrainingConfig.standard(Architectures.named(architecture, sparsity), dIn, width, steps, seed);
  }

  public String json() {
    JsonObject o = new JsonObject();
    o.addProperty("architecture", architecture);
    o.addProperty("sparsity", sparsity);
    o.addProperty("width", width);
    o.addProperty("steps", steps);
    o.addProperty("seed", seed);
    return o.toString();
  }

  /** A job name that says what the job trains, e.g. {@code topk-32.0-w1024-s2000-seed0}. */
  public String name() {
    return String.format(Locale.ROOT, "%s-%s-w%d-s%d-seed%d", architecture, sparsity, width, steps, seed);
  }

  /** Reads the JSON; IllegalArgumentException naming what is wrong. */
  public static SaeJobSpec parse(String json) {
    JsonObject o;
    try {
      JsonElement e = JsonParser.parseString(json);
      if (!e.isJsonObject()) {
        throw new IllegalArgumentException("an SAE job spec is a JSON object, got " + json);
      }
      o = e.getAsJsonObject();
    } catch (com.google.gson.JsonParseException e) {
      throw new IllegalArgumentException("an SAE job spec is a JSON object: " + e.getMessage(), e);
    }
    for (String k : o.keySet()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown SAE job setting '" + k + "' (known: architecture, sparsity, "
            + "width, steps, seed)");
      }
    }
    for (String k : KEYS) {
      if (!o.has(k)) {
        throw new IllegalArgumentException("the SAE job spec lacks '" + k + "'");
      }
    }
    try {
      return new SaeJobSpec(o.get("architecture").getAsString(), o.get("sparsity").getAsDouble(),
          o.get("width").getAsInt(), o.get("steps").getAsInt(), o.get("seed").getAsLong());
    } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException e) {
      throw new IllegalArgumentException("an SAE job spec's numbers must be numbers: " + json, e);
    }
  }
}

package dev.kibitz.sae.train;

import com.google.gson.JsonObject;
import dev.kibitz.sae.arch.SaeArchitecture;

/**
 * Everything a training run depends on; saved in config.json and the resume state so a run can
 * be rebuilt and a resume can check it continues the same run.
 *
 * @param normalizationBatches batches read first to estimate the input scale (E||x||^2 = d) and the
 *     data mean that initialises b_dec; they are then trained on like any other
 * @param deadAfterSteps a feature that has not fired for this many steps is dead
 * @param resampleEvery resample dead features every this many steps (0: never; ignored by TopK,
 *     which uses AuxK); never in the last {@code resampleEvery} steps, so new features can settle
 * @param checkpointEvery save weights and resume state every this many steps (0: only at the end)
 */
public record SaeTrainingConfig(SaeArchitecture architecture, int dIn, int width, int steps, int batchSize,
    double learningRate, int warmupSteps, boolean cosineDecay, long seed, int bufferCapacity,
    int normalizationBatches, int deadAfterSteps, int resampleEvery, int checkpointEvery) {
  public SaeTrainingConfig {
    if (dIn < 1 || width < 1 || steps < 1 || batchSize < 1 || !(learningRate > 0) || warmupSteps < 0
        || bufferCapacity < batchSize || normalizationBatches < 1 || deadAfterSteps < 1 || resampleEvery < 0
        || checkpointEvery < 0) {
      throw new IllegalArgumentException("bad SAE training config " + this);
    }
    architecture.shapes(dIn, width); // validates architecture against the width (TopK's k)
  }

  /**
   * The settings a run gets unless told otherwise: batch 256, learning rate 1e-3 warmed up over a tenth of
   * the steps (at most 500) then cosine-decayed, a 16k-row shuffle buffer, 8 normalisation batches, features
   * dead after 2,000 silent steps and resampled every 2,500, a checkpoint every 1,000 steps.
   */
  public static SaeTrainingConfig standard(SaeArchitecture architecture, int dIn, int width, int steps, long seed) {
    return new SaeTrainingConfig(architecture, dIn, width, steps, 256, 1e-3, Math.min(500, steps / 10), true, seed,
        16_384, 8, 2_000, 2_500, 1_000);
  }

  public LearningRate schedule() {
    return new LearningRate(learningRate, warmupSteps, steps, cosineDecay);
  }

  public SaeTrainingConfig withArchitecture(SaeArchitecture a) {
    return new SaeTrainingConfig(a, dIn, width, steps, batchSize, learningRate, warmupSteps, cosineDecay, seed,
        bufferCapacity, normalizationBatches, deadAfterSteps, resampleEvery, checkpointEvery);
  }

  public SaeTrainingConfig withWidth(int w) {
    return new SaeTrainingConfig(architecture, dIn, w, steps, batchSize, learningRate, warmupSteps, cosineDecay,
        seed, bufferCapacity, normalizationBatches, deadAfterSteps, resampleEvery, checkpointEvery);
  }

  public SaeTrainingConfig withCheckpointEvery(int every) {
    return new SaeTrainingConfig(architecture, dIn, width, steps, batchSize, learningRate, warmupSteps, cosineDecay,
        seed, bufferCapacity, normalizationBatches, deadAfterSteps, resampleEvery, every);
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.add("architecture", architecture.toJson());
    o.addProperty("d_in", dIn);
    o.addProperty("d_sae", width);
    o.addProperty("steps", steps);
    o.addProperty("batch_size", batchSize);
    o.addProperty("learning_rate", learningRate);
    o.addProperty("warmup_steps", warmupSteps);
    o.addProperty("cosine_decay", cosineDecay);
    o.addProperty("seed", seed);
    o.addProperty("buffer_capacity", bufferCapacity);
    o.addProperty("normalization_batches", normalizationBatches);
    o.addProperty("dead_after_steps", deadAfterSteps);
    o.addProperty("resample_every", resampleEvery);
    o.addProperty("checkpoint_every", checkpointEvery);
    return o;
  }

  public static SaeTrainingConfig fromJson(JsonObject o) {
    return new SaeTrainingConfig(SaeArchitecture.fromJson(o.getAsJsonObject("architecture")),
        o.get("d_in").getAsInt(), o.get("d_sae").getAsInt(), o.get("steps").getAsInt(),
        o.get("batch_size").getAsInt(), o.get("learning_rate").getAsDouble(), o.get("warmup_steps").getAsInt(),
        o.get("cosine_decay").getAsBoolean(), o.get("seed").getAsLong(), o.get("buffer_capacity").getAsInt(),
        o.get("normalization_batches").getAsInt(), o.get("dead_after_steps").getAsInt(),
        o.get("resample_every").getAsInt(), o.get("checkpoint_every").getAsInt());
  }
}

package dev.kibitz.sae.eval;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * An SAE measured on held-out rows, all in its normalised input space.
 *
 * @param mse mean over rows and dimensions of (x - x-hat)^2
 * @param fvu fraction of variance unexplained: sum ||x - x-hat||^2 / sum ||x - mean(x)||^2
 * @param meanL0 mean number of features firing per row
 * @param deadFraction features that never fired on these rows
 * @param denseFraction features firing on more than 10% of rows
 * @param firingFrequency per feature, the fraction of rows it fired on
 * @param topExamples per feature, its strongest activations and their input ids
 */
public record SaeMetrics(int rows, double mse, double fvu, double meanL0, double deadFraction, double denseFraction,
    float[] firingFrequency, List<FeatureExamples> topExamples) {

  /** Features firing on more than this fraction of rows count as dense. */
  public static final double DENSE_THRESHOLD = 0.1;

  /** The scalar metrics (not the per-feature arrays), for sweep tables. */
  public JsonObject summary() {
    JsonObject o = new JsonObject();
    o.addProperty("rows", rows);
    o.addProperty("mse", mse);
    o.addProperty("fvu", fvu);
    o.addProperty("mean_l0", meanL0);
    o.addProperty("dead_fraction", deadFraction);
    o.addProperty("dense_fraction", denseFraction);
    return o;
  }
}

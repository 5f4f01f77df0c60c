package dev.kibitz.sae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.arch.SaeParameters;
import java.util.Map;

/**
 * A trained SAE as an artifact: architecture, sizes, the input scale it was trained with and its
 * weights in host memory. Inputs are multiplied by {@code inputScale} before encoding, so the
 * weights act on inputs with E||x||^2 = d_in. Saved as weights.safetensors + config.json
 * ({@link dev.kibitz.sae.checkpoint.SaeCheckpoint}).
 */
public record Sae(SaeArchitecture architecture, int dIn, int width, double inputScale, int step,
    Map<String, HostTensor> weights, JsonObject training) {
  public Sae {
    weights = Map.copyOf(weights); // unordered: parameters() and the checkpoint order by the architecture
    for (Map.Entry<String, long[]> e : architecture.shapes(dIn, width).entrySet()) {
      HostTensor t = weights.get(e.getKey());
      if (t == null || !java.util.Arrays.equals(t.shape(), e.getValue())) {
        throw new IllegalArgumentException(architecture.kind().id() + " SAE needs '" + e.getKey() + "' of shape "
            + java.util.Arrays.toString(e.getValue()) + ", got " + t);
      }
    }
  }

  /** The weights as arrays in {@code manager}, in the architecture's parameter order. */
  public SaeParameters parameters(NDManager manager) {
    Map<String, HostTensor> ordered = new java.util.LinkedHashMap<>();
    architecture.shapes(dIn, width).keySet().forEach(k -> ordered.put(k, weights.get(k)));
    return SaeParameters.fromHost(manager, ordered);
  }

  /** W_dec [d_sae, d_in]: row i is feature i's direction in the (scaled) input space. */
  public HostTensor decoder() {
    return weights.get("W_dec");
  }

  /** Feature activations for raw (unscaled) inputs [B, d_in]. */
  public NDArray encode(SaeParameters p, NDArray rawInputs) {
    return architecture.encode(p, rawInputs.mul(inputScale));
  }
}

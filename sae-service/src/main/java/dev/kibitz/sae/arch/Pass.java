package dev.kibitz.sae.arch;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * One forward and hand-written backward pass over a batch.
 *
 * @param loss the total training loss (mean over the batch)
 * @param reconstruction mean over rows of the squared L2 reconstruction error
 * @param features feature activations [B, d_sae]
 * @param reconstructed x-hat [B, d_in]
 * @param gradients d loss / d parameter, one per parameter name, same shapes
 */
public record Pass(double loss, double reconstruction, NDArray features, NDArray reconstructed,
    Map<String, NDArray> gradients) {}

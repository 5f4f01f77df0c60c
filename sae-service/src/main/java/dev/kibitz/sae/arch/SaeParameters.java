package dev.kibitz.sae.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An SAE's named parameter arrays in file order (SAELens names: W_enc, b_enc, W_dec, b_dec, ...).
 * W_enc is [d_in, d_sae] and W_dec is [d_sae, d_in]: row i of W_dec is feature i's direction.
 */
public record SaeParameters(Map<String, NDArray> arrays) {
  public SaeParameters {
    arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
  }

  public NDArray get(String name) {
    NDArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no parameter '" + name + "', have " + arrays.keySet());
    }
    return a;
  }

  /** Copies every array into {@code manager} (same dtype). */
  public SaeParameters copy(NDManager manager) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    arrays.forEach((k, v) -> out.put(k, v.duplicate()));
    out.values().forEach(a -> a.attach(manager));
    return new SaeParameters(out);
  }

  public Map<String, HostTensor> toHost() {
    Map<String, HostTensor> out = new LinkedHashMap<>();
    arrays.forEach((k, v) -> out.put(k, TensorCodec.fromNDArray(v)));
    return out;
  }

  public static SaeParameters fromHost(NDManager manager, Map<String, HostTensor> tensors) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    tensors.forEach((k, v) -> out.put(k, TensorCodec.toNDArray(manager, v)));
    return new SaeParameters(out);
  }
}

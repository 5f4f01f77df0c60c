package dev.kibitz.steering.vector;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.proto.v1.ProbeDirection;
import dev.kibitz.proto.v1.SaeFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Steering directions read from the artifacts other services publish to the store:
 * a probe's {@code direction} F32 [d] (probe-service: kind "probe", name
 * "&lt;dataset&gt;/&lt;probe&gt;.safetensors"), and an SAE feature's decoder row W_dec[f] / input_scale
 * (sae-service: kind "sae", "&lt;dataset&gt;/&lt;job&gt;/weights.safetensors" and config.json), the raw
 * activation change one unit of the feature makes. d must be the hook's flattened size.
 */
final class ArtifactDirections {
  static final String PROBE_KIND = "probe";
  static final String SAE_KIND = "sae";

  private final Artifacts artifacts;

  ArtifactDirections(Artifacts artifacts) {
    this.artifacts = artifacts;
  }

  Direction probe(ProbeDirection p, String hook, long[] shape, String what) {
    if (p.getArtifactId().isEmpty() || p.getProbe().isEmpty()) {
      throw KibitzException.invalid(what + ": set artifact_id (the probe dataset) and probe (concept.conditioning)");
    }
    String name = p.getArtifactId() + "/" + p.getProbe() + (p.getProbe().endsWith(".safetensors") ? "" : ".safetensors");
    Safetensors.Contents c = parse(artifacts.get(PROBE_KIND, name), PROBE_KIND + "/" + name);
    String probeHook = c.metadata().get("hook");
    if (probeHook != null && !probeHook.equals(hook)) {
      throw KibitzException.invalid(what + ": probe " + name + " was fitted at hook '" + probeHook + "', not '" + hook
          + "'");
    }
    HostTensor d = c.tensors().get("direction");
    if (d == null || d.dtype() != DType.FLOAT32 || d.rank() != 1) {
      throw KibitzException.invalid(what + ": probe " + name + " has no F32 [d] 'direction'");
    }
    return fit(d.toFloats(), shape, hook, what + ": probe " + name);
  }

  Direction saeFeature(SaeFeature f, String hook, long[] shape, String what) {
    if (f.getArtifactId().isEmpty()) {
      throw KibitzException.invalid(what + ": set artifact_id (the SAE's \"<dataset>/<job>\" prefix)");
    }
    String weights = f.getArtifactId() + "/weights.safetensors";
    HostTensor w = parse(artifacts.get(SAE_KIND, weights), SAE_KIND + "/" + weights).tensors().get("W_dec");
    if (w == null || w.dtype() != DType.FLOAT32 || w.rank() != 2) {
      throw KibitzException.invalid(what + ": SAE " + weights + " has no F32 [m, d] 'W_dec'");
    }
    long m = w.shape()[0];
    int d = Math.toIntExact(w.shape()[1]);
    if (f.getFeature() >= m) {
      throw KibitzException.invalid(what + ": feature " + f.getFeature() + " is outside [0, " + m + ") of SAE "
          + f.getArtifactId());
    }
    JsonObject config = JsonParser.parseString(new String(artifacts.get(SAE_KIND, f.getArtifactId() + "/config.json"),
        StandardCharsets.UTF_8)).getAsJsonObject();
    double scale = config.has("input_scale") ? config.get("input_scale").getAsDouble() : 1;
    float[] row = Arrays.copyOfRange(w.toFloats(), f.getFeature() * d, (f.getFeature() + 1) * d);
    for (int i = 0; i < row.length; i++) {
      // the SAE sees x * input_scale, so one unit of the feature moves the raw activation by W_dec[f] / scale
      row[i] = (float) (row[i] / (scale == 0 ? 1 : scale));
    }
    return fit(row, shape, hook, what + ": SAE " + f.getArtifactId() + " feature " + f.getFeature());
  }

  private static Direction fit(float[] values, long[] shape, String hook, String what) {
    long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    if (values.length != size) {
      throw KibitzException.invalid(what + " has " + values.length + " values; hook '" + hook + "' of shape "
          + Arrays.toString(shape) + " needs " + size);
    }
    return new Direction(values, shape);
  }

  private static Safetensors.Contents parse(byte[] bytes, String what) {
    try {
      return Safetensors.parse(ByteBuffer.wrap(bytes), what);
    } catch (IOException e) {
      throw KibitzException.invalid(what + " is not a readable safetensors file: " + e.getMessage());
    }
  }
}

package dev.kibitz.sae.checkpoint;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.buffer.ShuffleBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything needed to continue a run exactly where it stopped, in one safetensors file
 * (resume.safetensors) separate from the exported weights: parameters, Adam moments, step,
 * per-feature steps since firing, the shuffle buffer's rows and generator, the resampler's
 * generator, the input scale and the source position. One file, so it is never half-updated
 * relative to itself.
 */
public record ResumeState(JsonObject config, int step, double inputScale, long sourcePosition,
    long resampleRandomState, Map<String, HostTensor> parameters, Map<String, HostTensor> adamFirst,
    Map<String, HostTensor> adamSecond, long[] stepsSinceFired, ShuffleBuffer.State buffer) {

  public static final String FILE = "resume.safetensors";

  public void write(Path dir) throws IOException {
    Map<String, HostTensor> t = new LinkedHashMap<>();
    parameters.forEach((k, v) -> t.put("param." + k, v));
    adamFirst.forEach((k, v) -> t.put("adam_m." + k, v));
    adamSecond.forEach((k, v) -> t.put("adam_v." + k, v));
    t.put("firing.steps_since_fired", longs(stepsSinceFired));
    t.put("buffer.rows", buffer.held().rows());
    t.put("buffer.ids", buffer.held().ids());
    Map<String, String> meta = new TreeMap<>();
    meta.put("config", config.toString());
    meta.put("step", Integer.toString(step));
    meta.put("input_scale", Double.toString(inputScale));
    meta.put("source_position", Long.toString(sourcePosition));
    meta.put("resample_random_state", Long.toString(resampleRandomState));
    meta.put("buffer_random_state", Long.toString(buffer.randomState()));
    AtomicFiles.write(dir.resolve(FILE), tmp -> Safetensors.write(tmp, t, meta));
  }

  public static ResumeState read(Path dir) throws IOException {
    Safetensors.Contents c = Safetensors.read(dir.resolve(FILE));
    Map<String, String> meta = c.metadata();
    Map<String, HostTensor> params = withPrefix(c.tensors(), "param.");
    Map<String, HostTensor> first = withPrefix(c.tensors(), "adam_m.");
    Map<String, HostTensor> second = withPrefix(c.tensors(), "adam_v.");
    ByteBuffer firing = c.tensors().get("firing.steps_since_fired").data();
    long[] since = new long[firing.remaining() / 8];
    firing.asLongBuffer().get(since);
    ShuffleBuffer.State buffer = new ShuffleBuffer.State(new RowBatch(c.tensors().get("buffer.rows"),
        c.tensors().get("buffer.ids")), Long.parseLong(meta.get("buffer_random_state")));
    return new ResumeState(JsonParser.parseString(meta.get("config")).getAsJsonObject(),
        Integer.parseInt(meta.get("step")), Double.parseDouble(meta.get("input_scale")),
        Long.parseLong(meta.get("source_position")), Long.parseLong(meta.get("resample_random_state")), params,
        first, second, since, buffer);
  }

  public static boolean exists(Path dir) {
    return java.nio.file.Files.isRegularFile(dir.resolve(FILE));
  }

  private static Map<String, HostTensor> withPrefix(Map<String, HostTensor> all, String prefix) {
    Map<String, HostTensor> out = new LinkedHashMap<>();
    all.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  private static HostTensor longs(long[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return new HostTensor(DType.INT64, new long[] {values.length}, b);
  }
}

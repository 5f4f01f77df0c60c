package dev.kibitz.orchestrator.run;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.kibitz.orchestrator.spec.StepSpec;
import dev.kibitz.orchestrator.step.StepType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cache key of a step: SHA-256 over its type and type version, its parameters in canonical form
 * (keys sorted), and the digests of the steps it needs, by name. Two steps with equal digests would
 * compute the same output, so an output stored under a digest is reused by any later run.
 */
public final class StepDigest {
  private StepDigest() {}

  public static String of(StepSpec step, StepType<?> type, Map<String, String> needDigests) {
    JsonObject o = new JsonObject();
    o.addProperty("type", type.name());
    o.addProperty("version", type.version());
    o.add("params", canonical(step.params()));
    JsonObject needs = new JsonObject();
    new TreeMap<>(needDigests).forEach(needs::addProperty);
    o.add("needs", needs);
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(new Gson().toJson(o).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** YAML values as JSON with map keys sorted, so key order in the spec does not change the digest. */
  static JsonElement canonical(Object v) {
    if (v == null) {
      return JsonNull.INSTANCE;
    }
    if (v instanceof Map<?, ?> m) {
      JsonObject o = new JsonObject();
      new TreeMap<String, Object>(toStringKeys(m)).forEach((k, x) -> o.add(k, canonical(x)));
      return o;
    }
    if (v instanceof List<?> l) {
      JsonArray a = new JsonArray();
      l.forEach(x -> a.add(canonical(x)));
      return a;
    }
    if (v instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (v instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    return new JsonPrimitive(String.valueOf(v));
  }

  private static Map<String, Object> toStringKeys(Map<?, ?> m) {
    Map<String, Object> out = new TreeMap<>();
    m.forEach((k, x) -> out.put(String.valueOf(k), x));
    return out;
  }
}

package dev.kibitz.core.modelpackage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.TensorSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A model package's {@code manifest.json} (format {@code kibitz.package.v1}, docs/byo-models.md):
 * inputs, outputs, the ordered TorchScript stages with the hook point after every stage but the
 * last (plus optional read-only extras), the recorded reference edits and the parity tolerance.
 * {@link #read} checks everything that needs no engine and reports every problem at once.
 */
public record PackageManifest(Path directory, String name, String description, String checkpoint,
    List<TensorSpec> inputs, List<TensorSpec> outputs, List<Stage> stages, String referenceFile,
    List<RecordedEdit> edits, Parity parity, String provenance) {

  public static final String FORMAT = "kibitz.package.v1";
  public static final String FILE = "manifest.json";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** One TorchScript module; {@code hook} is null for the last stage, whose results are the outputs. */
  public record Stage(String name, String file, TensorSpec hook, List<TensorSpec> extras) {}

  /** An intervention recorded by the exporter: kind add or set, its tensor in the reference file. */
  public record RecordedEdit(String name, String hook, String kind, String tensor, float coefficient,
      int[] channels) {}

  /** Parity tolerance (elementwise |a - b| <= abs + rel * |b|) and whether a failure refuses the load. */
  public record Parity(double absTolerance, double relTolerance, boolean enforce) {}

  public Set<String> readOnlyHooks() {
    Set<String> names = new HashSet<>();
    stages.forEach(s -> s.extras().forEach(e -> names.add(e.name())));
    return Set.copyOf(names);
  }

  /** @throws KibitzException INVALID_ARGUMENT naming the package and every problem found */
  public static PackageManifest read(Path directory) {
    Path file = directory.resolve(FILE);
    String where = "model package " + directory;
    if (!Files.isDirectory(directory)) {
      throw KibitzException.invalid(where + ": not a directory");
    }
    JsonObject json;
    try {
      json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw KibitzException.invalid(where + ": cannot read " + FILE + " (" + e + ")");
    } catch (JsonParseException | IllegalStateException e) {
      throw KibitzException.invalid(where + ": " + FILE + " is not a JSON object: " + e.getMessage());
    }
    Parser p = new Parser(directory);
    PackageManifest m;
    try {
      m = p.manifest(json);
    } catch (RuntimeException e) {
      // A field of the wrong JSON type (a string where a number belongs, ...).
      throw KibitzException.invalid(where + ": " + FILE + " is malformed: " + e.getMessage());
    }
    if (!p.problems.isEmpty()) {
      throw KibitzException.invalid(where + ": " + FILE + ": " + String.join("; ", p.problems));
    }
    return m;
  }

  /** Reads fields, collecting problems instead of stopping at the first. */
  private static final class Parser {
    final Path directory;
    final List<String> problems = new ArrayList<>();
    final Set<String> hookNames = new HashSet<>();

    Parser(Path directory) {
      this.directory = directory;
    }

    PackageManifest manifest(JsonObject j) {
      String format = string(j, "format", "");
      if (!FORMAT.equals(format)) {
        problems.add("format is '" + format + "', expected '" + FORMAT + "'");
      }
      String name = string(j, "name", "");
      if (!NAME.matcher(name).matches()) {
        problems.add("name '" + name + "' must match " + NAME.pattern());
      }
      List<TensorSpec> inputs = specs(j, "inputs", true);
      List<TensorSpec> outputs = specs(j, "outputs", true);
      List<Stage> stages = stages(j);
      JsonObject ref = j.has("reference") && j.get("reference").isJsonObject() ? j.getAsJsonObject("reference")
          : new JsonObject();
      String referenceFile = ref.has("file") ? string(ref, "file", "") : null;
      if (referenceFile != null) {
        checkFile("reference", referenceFile);
      }
      List<RecordedEdit> edits = edits(ref, stages);
      JsonObject par = j.has("parity") && j.get("parity").isJsonObject() ? j.getAsJsonObject("parity")
          : new JsonObject();
      Parity parity = new Parity(number(par, "abs_tolerance", 1e-4), number(par, "rel_tolerance", 1e-4),
          !par.has("enforce") || par.get("enforce").getAsBoolean());
      if (parity.absTolerance() < 0 || parity.relTolerance() < 0) {
        problems.add("parity tolerances must be >= 0");
      }
      String provenance = j.has("provenance") ? j.get("provenance").toString() : "{}";
      return new PackageManifest(directory, name, string(j, "description", ""), string(j, "checkpoint", "exported"),
          inputs, outputs, stages, referenceFile, edits, parity, provenance);
    }

    List<Stage> stages(JsonObject j) {
      List<Stage> stages = new ArrayList<>();
      JsonArray a = array(j, "stages");
      if (a == null || a.isEmpty()) {
        problems.add("stages: at least one stage is required");
        return stages;
      }
      Set<String> stageNames = new HashSet<>();
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).isJsonObject()) {
          problems.add("stages[" + i + "] is not an object");
          continue;
        }
        JsonObject s = a.get(i).getAsJsonObject();
        String name = string(s, "name", "stage" + i);
        if (!stageNames.add(name)) {
          problems.add("stages[" + i + "]: stage name '" + name + "' is used twice");
        }
        String file = string(s, "file", "");
        checkFile("stage '" + name + "'", file);
        boolean last = i == a.size() - 1;
        TensorSpec hook = null;
        if (s.has("hook") && last) {
          problems.add("stage '" + name + "' is the last stage (it returns the outputs) and cannot have a hook");
        } else if (!last) {
          if (!s.has("hook") || !s.get("hook").isJsonObject()) {
            problems.add("stage '" + name + "': every stage but the last needs a hook (the boundary after it)");
          } else {
            hook = hookSpec(s.getAsJsonObject("hook"), "stage '" + name + "' hook");
          }
        }
        List<TensorSpec> extras = new ArrayList<>();
        JsonArray e = array(s, "extras");
        if (e != null && !e.isEmpty() && last) {
          problems.add("stage '" + name + "': the last stage cannot return extras");
        } else if (e != null) {
          for (int k = 0; k < e.size(); k++) {
            TensorSpec x = e.get(k).isJsonObject()
                ? hookSpec(e.get(k).getAsJsonObject(), "stage '" + name + "' extras[" + k + "]") : null;
            if (x != null) {
              extras.add(x);
            }
          }
        }
        stages.add(new Stage(name, file, hook, List.copyOf(extras)));
      }
      return List.copyOf(stages);
    }

    TensorSpec hookSpec(JsonObject o, String what) {
      TensorSpec t = spec(o, what);
      if (t != null && !hookNames.add(t.name())) {
        problems.add(what + ": duplicate hook name '" + t.name() + "'");
      }
      return t;
    }

    List<RecordedEdit> edits(JsonObject ref, List<Stage> stages) {
      List<RecordedEdit> edits = new ArrayList<>();
      JsonArray a = array(ref, "edits");
      if (a == null) {
        return edits;
      }
      Set<String> boundaries = new HashSet<>();
      stages.forEach(s -> {
        if (s.hook() != null) {
          boundaries.add(s.hook().name());
        }
      });
      for (int i = 0; i < a.size(); i++) {
        JsonObject e = a.get(i).getAsJsonObject();
        String name = string(e, "name", "edit" + i);
        String hook = string(e, "hook", "");
        String kind = string(e, "kind", "");
        if (!boundaries.contains(hook)) {
          problems.add("reference edit '" + name + "': hook '" + hook + "' is not a stage boundary");
        }
        if (!kind.equals("add") && !kind.equals("set")) {
          problems.add("reference edit '" + name + "': kind '" + kind + "' (expected add or set)");
        }
        JsonArray ch = array(e, "channels");
        int[] channels = new int[ch == null ? 0 : ch.size()];
        for (int k = 0; k < channels.length; k++) {
          channels[k] = ch.get(k).getAsInt();
        }
        edits.add(new RecordedEdit(name, hook, kind, string(e, "tensor", ""), (float) number(e, "coefficient", 1),
            channels));
      }
      return List.copyOf(edits);
    }

    List<TensorSpec> specs(JsonObject j, String key, boolean required) {
      List<TensorSpec> specs = new ArrayList<>();
      JsonArray a = array(j, key);
      if (a == null || a.isEmpty()) {
        if (required) {
          problems.add(key + ": at least one is required");
        }
        return specs;
      }
      Set<String> names = new HashSet<>();
      for (int i = 0; i < a.size(); i++) {
        TensorSpec t = a.get(i).isJsonObject() ? spec(a.get(i).getAsJsonObject(), key + "[" + i + "]") : null;
        if (t != null && !names.add(t.name())) {
          problems.add(key + ": name '" + t.name() + "' is used twice");
        }
        if (t != null) {
          specs.add(t);
        }
      }
      return List.copyOf(specs);
    }

    /** A tensor declaration, or null (with the problem recorded). */
    TensorSpec spec(JsonObject o, String what) {
      int before = problems.size();
      String name = string(o, "name", "");
      if (name.isEmpty()) {
        problems.add(what + ": name is missing");
      }
      String dtypeName = string(o, "dtype", "");
      DType dtype = dtype(dtypeName);
      if (dtype == null) {
        problems.add(what + " '" + name + "': unknown dtype '" + dtypeName + "' (known: " + String.join(", ",
            knownDtypes()) + ")");
      }
      JsonArray s = array(o, "shape");
      long[] shape = new long[s == null ? 0 : s.size()];
      if (s == null) {
        problems.add(what + " '" + name + "': shape is missing");
      }
      for (int i = 0; i < shape.length; i++) {
        shape[i] = s.get(i).getAsLong();
        if (shape[i] <= 0) {
          problems.add(what + " '" + name + "': shape " + s + " has a dimension <= 0");
        }
      }
      List<String> axes = new ArrayList<>();
      JsonArray a = array(o, "axes");
      if (a != null) {
        a.forEach(x -> axes.add(x.getAsString()));
      }
      if (axes.size() != shape.length) {
        problems.add(what + " '" + name + "': " + axes.size() + " axis names " + axes + " for shape " + s);
      }
      return problems.size() > before ? null : new TensorSpec(name, dtype, shape, axes, string(o, "description", ""));
    }

    void checkFile(String what, String file) {
      if (file.isEmpty()) {
        problems.add(what + ": file is missing");
        return;
      }
      Path p = directory.resolve(file).normalize();
      if (!p.startsWith(directory.normalize())) {
        problems.add(what + ": file '" + file + "' is outside the package directory");
      } else if (!Files.isRegularFile(p)) {
        problems.add(what + ": file '" + file + "' does not exist");
      }
    }

    String string(JsonObject o, String key, String otherwise) {
      JsonElement e = o.get(key);
      return e == null || e.isJsonNull() ? otherwise : e.getAsString();
    }

    double number(JsonObject o, String key, double otherwise) {
      JsonElement e = o.get(key);
      return e == null || e.isJsonNull() ? otherwise : e.getAsDouble();
    }

    JsonArray array(JsonObject o, String key) {
      JsonElement e = o.get(key);
      if (e != null && !e.isJsonArray()) {
        problems.add(key + " must be an array");
        return null;
      }
      return e == null ? null : e.getAsJsonArray();
    }
  }

  /** Manifest dtype names: float32, float16, bfloat16, int32, int64, bool. */
  static DType dtype(String name) {
    for (DType d : DType.values()) {
      if (d.name().toLowerCase().equals(name)) {
        return d;
      }
    }
    return null;
  }

  static List<String> knownDtypes() {
    List<String> names = new ArrayList<>();
    for (DType d : DType.values()) {
      names.add(d.name().toLowerCase());
    }
    return names;
  }
}

package dev.kibitz.core.modelpackage;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.hook.ForwardPlan;
import dev.kibitz.core.hook.HookedForward;
import dev.kibitz.core.intervention.Add;
import dev.kibitz.core.intervention.Intervention;
import dev.kibitz.core.intervention.Selector;
import dev.kibitz.core.intervention.SetValue;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.core.tensor.TensorSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parity guard: runs a package's reference inputs through the loaded stages (capturing every
 * hook point) and once per recorded edit, and compares with what PyTorch computed at export.
 * Reference tensors are named {@code input/<name>}, {@code output/<name>}, {@code hook/<hook>},
 * {@code edit/<edit>/tensor} and {@code edit/<edit>/output/<name>}.
 */
public final class ParityCheck {
  private ParityCheck() {}

  static ParityReport run(PackagedModel model) {
    PackageManifest m = model.manifest();
    Map<String, HostTensor> ref = reference(m);
    Map<String, HostTensor> inputs = new LinkedHashMap<>();
    for (TensorSpec in : m.inputs()) {
      inputs.put(in.name(), require(m, ref, "input/" + in.name()));
    }
    List<ParityReport.Comparison> comparisons = new ArrayList<>();
    List<String> hooks = model.hookPoints().stream().map(TensorSpec::name).toList();
    try (NDManager batch = model.manager().newSubManager()) {
      ForwardPlan plain = ForwardPlan.validate(m.name(), model.hookPoints(), hooks, List.of());
      HookedForward.Result r = HookedForward.run(model, plain, batch, inputs, Map.of(), () -> false);
      compareOutputs(m, ref, r.outputs(), "output/", comparisons, batch);
      for (String hook : hooks) {
        comparisons.add(compare(m, "hook/" + hook, r.captures().get(hook), require(m, ref, "hook/" + hook), batch));
      }
      for (PackageManifest.RecordedEdit e : m.edits()) {
        Intervention iv = intervention(e, require(m, ref, e.tensor()));
        ForwardPlan plan = ForwardPlan.validate(m.name(), model.hookPoints(), List.of(), List.of(iv));
        HookedForward.Result edited = HookedForward.run(model, plan, batch, inputs, Map.of(), () -> false);
        compareOutputs(m, ref, edited.outputs(), "edit/" + e.name() + "/output/", comparisons, batch);
      }
    }
    return new ParityReport(m.parity().absTolerance(), m.parity().relTolerance(), comparisons);
  }

  /** The Kibitz intervention a recorded edit stands for (the exporter's apply_edit). */
  public static Intervention intervention(PackageManifest.RecordedEdit e, HostTensor tensor) {
    Selector selector = e.channels().length == 0 ? Selector.ALL : Selector.channels(e.channels());
    return switch (e.kind()) {
      case "add" -> new Add(e.hook(), selector, tensor, e.coefficient());
      case "set" -> new SetValue(e.hook(), selector, tensor);
      default -> throw KibitzException.invalid("reference edit '" + e.name() + "': unknown kind " + e.kind());
    };
  }

  /** The reference file's tensors by name. */
  public static Map<String, HostTensor> reference(PackageManifest m) {
    try {
      return Safetensors.read(m.directory().resolve(m.referenceFile())).tensors();
    } catch (IOException e) {
      throw KibitzException.invalid("model package '" + m.name() + "': reference file: " + e.getMessage());
    }
  }

  private static HostTensor require(PackageManifest m, Map<String, HostTensor> ref, String name) {
    HostTensor t = ref.get(name);
    if (t == null) {
      throw KibitzException.invalid("model package '" + m.name() + "': reference file " + m.referenceFile()
          + " has no tensor '" + name + "'");
    }
    return t;
  }

  private static void compareOutputs(PackageManifest m, Map<String, HostTensor> ref, NDList outputs, String prefix,
      List<ParityReport.Comparison> out, NDManager batch) {
    for (int i = 0; i < m.outputs().size(); i++) {
      String name = prefix + m.outputs().get(i).name();
      out.add(compare(m, name, outputs.get(i), require(m, ref, name), batch));
    }
  }

  private static ParityReport.Comparison compare(PackageManifest m, String name, NDArray actual, HostTensor expected,
      NDManager batch) {
    NDArray b = TensorCodec.toNDArray(batch, expected).toType(DataType.FLOAT32, false);
    NDArray a = actual.toType(DataType.FLOAT32, false);
    if (!a.getShape().equals(b.getShape())) {
      return new ParityReport.Comparison(name + " (shape " + a.getShape() + " vs recorded " + b.getShape() + ")",
          Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false);
    }
    NDArray diff = a.sub(b).abs();
    NDArray magnitude = b.abs();
    double maxAbs = diff.max().getFloat();
    NDArray nonZero = magnitude.gt(0f);
    double maxRel = nonZero.any().getBoolean() ? diff.booleanMask(nonZero).div(magnitude.booleanMask(nonZero)).max()
        .getFloat() : 0;
    boolean passed = diff.lte(magnitude.mul((float) m.parity().relTolerance()).add((float) m.parity().absTolerance()))
        .all().getBoolean();
    return new ParityReport.Comparison(name, maxAbs, maxRel, passed);
  }
}

package dev.kibitz.core.wire;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.intervention.Ablate;
import dev.kibitz.core.intervention.Add;
import dev.kibitz.core.intervention.Clamp;
import dev.kibitz.core.intervention.Intervention;
import dev.kibitz.core.intervention.Patch;
import dev.kibitz.core.intervention.ProjectOut;
import dev.kibitz.core.intervention.Resample;
import dev.kibitz.core.intervention.SaeEdit;
import dev.kibitz.core.intervention.Scale;
import dev.kibitz.core.intervention.Selector;
import dev.kibitz.core.intervention.SetValue;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.proto.v1.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts {@code kibitz.v1.Intervention} messages to and from the core intervention records. */
public final class InterventionProtos {
  private InterventionProtos() {}

  /** @param what names the intervention in errors, e.g. "intervention 2" */
  public static Intervention fromProto(dev.kibitz.proto.v1.Intervention p, String what) {
    String hook = p.getHook();
    if (hook.isEmpty()) {
      throw KibitzException.invalid(what + ": hook is empty");
    }
    Selector sel = selector(p.getSelector(), what);
    return switch (p.getActionCase()) {
      case ADD -> new Add(hook, sel, tensor(p.getAdd().getVector(), what + " add vector"),
          p.getAdd().hasCoefficient() ? p.getAdd().getCoefficient() : 1f);
      case SCALE -> new Scale(hook, sel, p.getScale().getFactor());
      case SET -> new SetValue(hook, sel, setValue(p.getSet(), what));
      case CLAMP -> new Clamp(hook, sel, p.getClamp().hasMin() ? p.getClamp().getMin() : null,
          p.getClamp().hasMax() ? p.getClamp().getMax() : null);
      case ABLATE -> ablate(hook, sel, p.getAblate(), what);
      case PATCH -> p.getPatch().hasValues()
          ? Patch.of(hook, sel, tensor(p.getPatch().getValues(), what + " patch values"))
          : Patch.fromBatchInput(hook, sel, p.getPatch().getBatchInput());
      case RESAMPLE -> resample(hook, sel, p.getResample());
      case PROJECT_OUT -> new ProjectOut(hook, sel, tensor(p.getProjectOut().getDirection(),
          what + " project_out direction"));
      case SAE -> sae(hook, sel, p.getSae(), what);
      case ACTION_NOT_SET -> throw KibitzException.invalid(what + " at '" + hook + "': no action set (one of add, "
          + "scale, set, clamp, ablate, patch, resample, project_out, sae)");
    };
  }

  public static List<Intervention> fromProtos(List<dev.kibitz.proto.v1.Intervention> list) {
    List<Intervention> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(fromProto(list.get(i), "intervention " + i));
    }
    return out;
  }

  /** The value to set; null when the oneof is unset, which validation refuses (never a silent 0). */
  private static HostTensor setValue(dev.kibitz.proto.v1.SetValue s, String what) {
    return switch (s.getValueCase()) {
      case SCALAR -> HostTensor.scalar(s.getScalar());
      case TENSOR -> tensor(s.getTensor(), what + " set tensor");
      case VALUE_NOT_SET -> null;
    };
  }

  /** An unset source stays unset (validation refuses it) rather than becoming seed 0. */
  private static Resample resample(String hook, Selector sel, dev.kibitz.proto.v1.Resample r) {
    return switch (r.getSourceCase()) {
      case INDICES -> Resample.indices(hook, sel,
          r.getIndices().getSourceIndexList().stream().mapToInt(Integer::intValue).toArray());
      case SEED -> Resample.seeded(hook, sel, r.getSeed());
      case SOURCE_NOT_SET -> new Resample(hook, sel, null, null);
    };
  }

  private static Ablate ablate(String hook, Selector sel, dev.kibitz.proto.v1.Ablate a, String what) {
    Ablate.Mode mode = switch (a.getMode()) {
      case MODE_ZERO -> Ablate.Mode.ZERO;
      case MODE_MEAN -> Ablate.Mode.MEAN;
      default -> throw KibitzException.invalid(what + " at '" + hook + "': ablate mode must be MODE_ZERO or MODE_MEAN");
    };
    return new Ablate(hook, sel, mode, a.hasMean() ? tensor(a.getMean(), what + " ablate mean") : null);
  }

  private static SaeEdit sae(String hook, Selector sel, dev.kibitz.proto.v1.SaeEdit s, String what) {
    SaeEdit.Architecture arch = switch (s.getArchitecture()) {
      case ARCHITECTURE_RELU -> SaeEdit.Architecture.RELU;
      case ARCHITECTURE_TOPK -> SaeEdit.Architecture.TOPK;
      case ARCHITECTURE_JUMPRELU -> SaeEdit.Architecture.JUMPRELU;
      case ARCHITECTURE_GATED -> SaeEdit.Architecture.GATED;
      default -> null;
    };
    Map<String, HostTensor> params = new LinkedHashMap<>();
    for (dev.kibitz.proto.v1.NamedTensor t : s.getParametersList()) {
      params.put(t.getName(), tensor(t.getTensor(), what + " sae parameter '" + t.getName() + "'"));
    }
    List<SaeEdit.FeatureEdit> edits = new ArrayList<>();
    for (dev.kibitz.proto.v1.FeatureEdit e : s.getFeaturesList()) {
      edits.add(new SaeEdit.FeatureEdit(e.getFeature(), e.hasSet() ? e.getSet() : null,
          e.hasScale() ? e.getScale() : null));
    }
    return new SaeEdit(hook, sel, arch, params, s.getK(), s.getInputScale() == 0 ? 1f : s.getInputScale(),
        s.getReplace(), edits);
  }

  private static Selector selector(dev.kibitz.proto.v1.Selector s, String what) {
    List<Selector.Position> positions = new ArrayList<>();
    for (Position p : s.getPositionsList()) {
      positions.add(new Selector.Position(p.getRow(), p.getCol()));
    }
    return new Selector(
        s.getChannelsList().stream().mapToInt(Integer::intValue).toArray(),
        positions,
        s.getFlatIndicesList().stream().mapToLong(Long::longValue).toArray(),
        s.hasMask() ? tensor(s.getMask(), what + " selector mask") : null,
        s.getExamplesList().stream().mapToInt(Integer::intValue).toArray());
  }

  private static HostTensor tensor(dev.kibitz.proto.v1.Tensor t, String what) {
    return TensorCodec.fromProto(t, what);
  }

  /** The wire form of a selector, for clients. */
  public static dev.kibitz.proto.v1.Selector toProto(Selector s) {
    dev.kibitz.proto.v1.Selector.Builder b = dev.kibitz.proto.v1.Selector.newBuilder();
    for (int c : s.channels()) {
      b.addChannels(c);
    }
    for (Selector.Position p : s.positions()) {
      b.addPositions(Position.newBuilder().setRow(p.row()).setCol(p.col()));
    }
    for (long i : s.flatIndices()) {
      b.addFlatIndices(i);
    }
    if (s.mask() != null) {
      b.setMask(TensorCodec.toProto(s.mask()));
    }
    for (int e : s.examples()) {
      b.addExamples(e);
    }
    return b.build();
  }
}

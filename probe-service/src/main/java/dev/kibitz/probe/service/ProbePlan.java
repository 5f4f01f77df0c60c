package dev.kibitz.probe.service;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.proto.v1.TensorSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to probe in one dataset, as its writer asked in the dataset's attributes:
 * {@value #CONCEPTS} lists the labels that are concepts (comma-separated; BOOL labels get logistic
 * probes, FLOAT32, INT32 and INT64 labels ridge probes), and the optional {@value #CONDITIONING} names
 * the label whose distinct values (a skill level, say) split the rows: one probe per value and one on
 * all rows ({@value #ALL}). Every named label must hold one value per row. Checked against the
 * dataset's declared labels before any row is read.
 *
 * @param conditioning the conditioning label, or null for a single "all" probe per concept
 * @param pooled whether a conditioned plan also trains the "all" probe on every row ({@value #POOLED},
 *     default true). Experiments that compare conditionings turn it off: the pooled probe answers no
 *     question of theirs and, having the most rows, costs the most (4096-wide chess activations over
 *     thousands of rows took minutes per concept).
 */
public record ProbePlan(List<Concept> concepts, Label conditioning, boolean pooled) {
  public static final String CONCEPTS = "probe.concepts";
  public static final String CONDITIONING = "probe.conditioning";
  public static final String POOLED = "probe.pooled";
  /** The conditioning value of the probe trained on every row. */
  public static final String ALL = "all";
  /** More values than this is a real-valued label, not a conditioning; it would mean a probe per row. */
  public static final int MAX_CONDITIONING_VALUES = 64;

  /** A label the plan reads: its name and element type (one element per row). */
  public record Label(String name, DType dtype) {}

  /** A concept to probe: logistic if binary (a BOOL label), else ridge. */
  public record Concept(Label label, boolean binary) {}

  public ProbePlan {
    concepts = List.copyOf(concepts);
  }

  /** Every label the plan reads: the concepts, then the conditioning label if any. */
  public List<Label> labels() {
    List<Label> out = new ArrayList<>(concepts.stream().map(Concept::label).toList());
    if (conditioning != null) {
      out.add(conditioning);
    }
    return out;
  }

  /**
   * The plan of {@code dataset}, or empty if it asks for no probes (no {@value #CONCEPTS} attribute).
   *
   * @throws IllegalArgumentException if the attributes name labels the dataset lacks or cannot probe
   */
  public static Optional<ProbePlan> of(Dataset dataset) {
    String concepts = dataset.getAttributesMap().getOrDefault(CONCEPTS, "").trim();
    if (concepts.isEmpty()) {
      return Optional.empty();
    }
    String what = "dataset '" + dataset.getName() + "'";
    if (DType.fromProtoOrNull(dataset.getDtype()) != DType.FLOAT32) {
      throw new IllegalArgumentException(what + ": probes read FLOAT32 activations, the dataset holds "
          + dataset.getDtype());
    }
    List<Concept> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : concepts.split(",")) {
      name = name.trim();
      if (name.isEmpty() || !seen.add(name)) {
        throw new IllegalArgumentException(what + ": " + CONCEPTS + " '" + concepts
            + "' must be distinct label names separated by commas");
      }
      Label label = label(dataset, name, CONCEPTS);
      switch (label.dtype()) {
        case BOOL -> out.add(new Concept(label, true));
        case FLOAT32, INT32, INT64 -> out.add(new Concept(label, false));
        default -> throw new IllegalArgumentException(what + ": concept label '" + name + "' is " + label.dtype()
            + "; concepts must be BOOL (logistic probe) or FLOAT32, INT32, INT64 (ridge probe)");
      }
    }
    String cond = dataset.getAttributesMap().getOrDefault(CONDITIONING, "").trim();
    Label conditioning = null;
    if (!cond.isEmpty()) {
      if (seen.contains(cond)) {
        throw new IllegalArgumentException(what + ": label '" + cond + "' cannot be both a concept and the "
            + CONDITIONING);
      }
      conditioning = label(dataset, cond, CONDITIONING);
      if (conditioning.dtype() == DType.FLOAT16 || conditioning.dtype() == DType.BFLOAT16) {
        throw new IllegalArgumentException(what + ": conditioning label '" + cond + "' is " + conditioning.dtype()
            + "; it must be BOOL, INT32, INT64 or FLOAT32");
      }
    }
    String pooled = dataset.getAttributesMap().getOrDefault(POOLED, "true").trim();
    if (!pooled.equals("true") && !pooled.equals("false")) {
      throw new IllegalArgumentException(what + ": " + POOLED + " must be true or false, got '" + pooled + "'");
    }
    if (pooled.equals("false") && conditioning == null) {
      throw new IllegalArgumentException(what + ": " + POOLED + " false leaves nothing to probe without a "
          + CONDITIONING);
    }
    return Optional.of(new ProbePlan(out, conditioning, pooled.equals("true")));
  }

  private static Label label(Dataset dataset, String name, String attribute) {
    for (TensorSpec t : dataset.getLabelsList()) {
      if (t.getName().equals(name)) {
        long elements = t.getShapeList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
        if (elements != 1) {
          throw new IllegalArgumentException("dataset '" + dataset.getName() + "': label '" + name + "' named by "
              + attribute + " has shape " + t.getShapeList() + " per row; probes need one value per row");
        }
        DType dtype = DType.fromProtoOrNull(t.getDtype());
        if (dtype == null) {
          throw new IllegalArgumentException("dataset '" + dataset.getName() + "': label '" + name + "' has no dtype");
        }
        return new Label(name, dtype);
      }
    }
    throw new IllegalArgumentException("dataset '" + dataset.getName() + "': " + attribute + " names label '" + name
        + "', but the dataset's labels are " + dataset.getLabelsList().stream().map(TensorSpec::getName).toList());
  }
}

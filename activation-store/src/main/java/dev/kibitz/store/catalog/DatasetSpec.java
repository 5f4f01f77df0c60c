package dev.kibitz.store.catalog;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.Shapes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** What a client asks for when it creates a dataset; validated on construction. */
public record DatasetSpec(String name, DatasetKey key, DType dtype, long[] rowShape, List<LabelSpec> labels,
    Map<String, String> attributes) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

  public DatasetSpec {
    rowShape = rowShape.clone();
    labels = List.copyOf(labels);
    attributes = new TreeMap<>(attributes);
    if (name == null || !NAME.matcher(name).matches()) {
      throw KibitzException.invalid("dataset name '" + name + "' must match " + NAME.pattern());
    }
    requireText("model", key.model());
    requireText("checkpoint", key.checkpoint());
    requireText("hook", key.hook());
    requireText("input_set", key.inputSet());
    if (dtype == null) {
      throw KibitzException.invalid("dataset '" + name + "': dtype is required");
    }
    if (rowShape.length == 0 || Shapes.elements(rowShape) <= 0) {
      throw KibitzException.invalid("dataset '" + name + "': row_shape " + Shapes.format(rowShape)
          + " must have at least one axis and no zero or negative sizes");
    }
    Set<String> seen = new HashSet<>();
    for (LabelSpec l : labels) {
      requireText("label name", l.name());
      if (!seen.add(l.name())) {
        throw KibitzException.invalid("dataset '" + name + "': label '" + l.name() + "' is declared twice");
      }
      if (l.dtype() == null) {
        throw KibitzException.invalid("dataset '" + name + "': label '" + l.name() + "' has no dtype");
      }
      for (long d : l.shape()) {
        if (d <= 0) {
          throw KibitzException.invalid("dataset '" + name + "': label '" + l.name() + "' shape "
              + Shapes.format(l.shape()) + " has a zero or negative size");
        }
      }
    }
  }

  @Override
  public long[] rowShape() {
    return rowShape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatasetSpec d && name.equals(d.name) && key.equals(d.key) && dtype == d.dtype
        && Arrays.equals(rowShape, d.rowShape) && labels.equals(d.labels) && attributes.equals(d.attributes);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /** Bytes one row of activations takes. */
  public long rowBytes() {
    return Shapes.elements(rowShape) * dtype.byteSize();
  }

  private static void requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw KibitzException.invalid(what + " is required");
    }
  }
}

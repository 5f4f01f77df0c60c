package dev.kibitz.core.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Describes a per-example tensor (no batch axis): a model input or output, or the activation at a
 * hook point. {@code axisNames} has one entry per axis, e.g. [channel, row, col].
 */
public record TensorSpec(String name, DType dtype, long[] shape, List<String> axisNames, String description) {

  public TensorSpec {
    shape = shape.clone();
    axisNames = List.copyOf(axisNames);
    if (axisNames.size() != shape.length) {
      throw new IllegalArgumentException(name + ": " + axisNames.size() + " axis names for shape "
          + Shapes.format(shape));
    }
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public long elements() {
    return Shapes.elements(shape);
  }

  public TensorSpec withShape(long[] newShape) {
    return new TensorSpec(name, dtype, newShape, axisNames, description);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
        && axisNames.equals(t.axisNames) && description.equals(t.description);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + " " + Shapes.format(shape) + " " + axisNames;
  }
}

package dev.kibitz.store.catalog;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.Shapes;
import java.util.Arrays;

/** One per-row label of a dataset: a concept value, a conditioning value (skill level), an input id. */
public record LabelSpec(String name, DType dtype, long[] shape) {

  public LabelSpec {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Bytes one row of this label takes. */
  public long rowBytes() {
    return Shapes.elements(shape) * dtype.byteSize();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSpec l && name.equals(l.name) && dtype == l.dtype && Arrays.equals(shape, l.shape);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + " " + Shapes.format(shape);
  }
}

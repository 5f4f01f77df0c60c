package dev.kibitz.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A dense tensor in host memory: dtype, shape and C-order little-endian bytes.
 * The engine-free form every transport (gRPC, safetensors, Kafka pointers) speaks;
 * {@link TensorCodec} converts it to and from DJL arrays without going through float[].
 */
public final class HostTensor {
  private final DType dtype;
  private final long[] shape;
  private final ByteBuffer data;

  /** @param data exactly product(shape) * dtype.byteSize() bytes from position 0; not copied */
  public HostTensor(DType dtype, long[] shape, ByteBuffer data) {
    this.dtype = dtype;
    this.shape = shape.clone();
    long expected = Shapes.elements(shape) * dtype.byteSize();
    ByteBuffer view = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (view.remaining() != expected) {
      throw new IllegalArgumentException("tensor of dtype " + dtype + " and shape " + Shapes.format(shape)
          + " needs " + expected + " bytes, got " + view.remaining());
    }
    this.data = view;
  }

  public DType dtype() {
    return dtype;
  }

  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public long elements() {
    return Shapes.elements(shape);
  }

  /** A read-only little-endian view of the bytes, positioned at 0. */
  public ByteBuffer data() {
    return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  public long byteSize() {
    return data.remaining();
  }

  /** Small tensors for interventions, tests and clients; activations never go through here. */
  public static HostTensor ofFloats(long[] shape, float... values) {
    ByteBuffer b = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new HostTensor(DType.FLOAT32, shape, b);
  }

  /** FLOAT32 [rows, width] from equally long rows (at least one), e.g. activations a client read back row by row. */
  public static HostTensor ofRows(java.util.List<float[]> rows) {
    int width = rows.get(0).length;
    float[] flat = new float[rows.size() * width];
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).length != width) {
        throw new IllegalArgumentException("row " + i + " has " + rows.get(i).length + " values, row 0 has " + width);
      }
      System.arraycopy(rows.get(i), 0, flat, i * width, width);
    }
    return ofFloats(new long[] {rows.size(), width}, flat);
  }

  public static HostTensor ofBools(long[] shape, boolean... values) {
    ByteBuffer b = ByteBuffer.allocateDirect(values.length);
    for (boolean v : values) {
      b.put((byte) (v ? 1 : 0));
    }
    b.flip();
    return new HostTensor(DType.BOOL, shape, b);
  }

  public static HostTensor scalar(float value) {
    return ofFloats(new long[0], value);
  }

  /** Copies FLOAT32 data out; for small tensors (tests, clients printing a result). */
  public float[] toFloats() {
    if (dtype != DType.FLOAT32) {
      throw new IllegalStateException("toFloats needs FLOAT32, this tensor is " + dtype);
    }
    float[] out = new float[(int) elements()];
    data().asFloatBuffer().get(out);
    return out;
  }

  /** Labels as doubles: BOOL as 0/1, INT32, INT64 and FLOAT32 widened; other dtypes are refused. */
  public double[] toDoubles() {
    ByteBuffer b = data();
    double[] out = new double[(int) elements()];
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (dtype) {
        case BOOL -> b.get(i) != 0 ? 1 : 0;
        case INT32 -> b.getInt(4 * i);
        case INT64 -> b.getLong(8 * i);
        case FLOAT32 -> b.getFloat(4 * i);
        default -> throw new IllegalStateException("toDoubles reads BOOL, INT32, INT64 or FLOAT32, this tensor is "
            + dtype);
      };
    }
    return out;
  }

  public boolean[] toBools() {
    if (dtype != DType.BOOL) {
      throw new IllegalStateException("toBools needs BOOL, this tensor is " + dtype);
    }
    ByteBuffer b = data();
    boolean[] out = new boolean[b.remaining()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i) != 0;
    }
    return out;
  }

  /** Same dtype, shape and bytes. */
  public boolean sameAs(HostTensor other) {
    return dtype == other.dtype && Arrays.equals(shape, other.shape) && data().equals(other.data());
  }

  @Override
  public String toString() {
    return "HostTensor{" + dtype + " " + Shapes.format(shape) + "}";
  }
}

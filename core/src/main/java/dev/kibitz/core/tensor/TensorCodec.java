package dev.kibitz.core.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.kibitz.core.KibitzException;
import dev.kibitz.proto.v1.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts tensors between the wire ({@link Tensor}), host memory ({@link HostTensor}) and DJL
 * ({@link NDArray}). Bytes move through direct ByteBuffers, never float[] (see DJL-NOTES).
 */
public final class TensorCodec {
  private TensorCodec() {}

  /**
   * Reads a wire tensor, checking dtype, shape and byte count.
   *
   * @param what names the tensor in error messages, e.g. "input 'obs'"
   */
  public static HostTensor fromProto(Tensor proto, String what) {
    DType dtype = DType.fromProtoOrNull(proto.getDtype());
    if (dtype == null) {
      throw KibitzException.invalid(what + ": dtype " + proto.getDtype() + " is not one of "
          + java.util.Arrays.toString(DType.values()));
    }
    long[] shape = proto.getShapeList().stream().mapToLong(Long::longValue).toArray();
    for (long d : shape) {
      if (d < 0) {
        throw KibitzException.invalid(what + ": shape " + Shapes.format(shape) + " has a negative dimension");
      }
    }
    long expected;
    try {
      expected = Math.multiplyExact(Shapes.elements(shape), dtype.byteSize());
    } catch (ArithmeticException e) {
      throw KibitzException.invalid(what + ": shape " + Shapes.format(shape) + " is too large");
    }
    ByteString bytes = proto.getData();
    if (bytes.size() != expected) {
      throw KibitzException.invalid(what + ": " + dtype + " " + Shapes.format(shape) + " needs " + expected
          + " bytes, got " + bytes.size());
    }
    ByteBuffer data = bytes.asReadOnlyByteBuffer();
    if (dtype == DType.BOOL) {
      for (int i = 0; i < data.remaining(); i++) {
        byte b = data.get(data.position() + i);
        if (b != 0 && b != 1) {
          throw KibitzException.invalid(what + ": bool element " + i + " is byte " + b + ", expected 0 or 1");
        }
      }
    }
    return new HostTensor(dtype, shape, data);
  }

  /** Wraps the tensor's bytes without copying them. */
  public static Tensor toProto(HostTensor tensor) {
    Tensor.Builder b = Tensor.newBuilder().setDtype(tensor.dtype().proto());
    for (long d : tensor.shape()) {
      b.addShape(d);
    }
    return b.setData(UnsafeByteOperations.unsafeWrap(tensor.data())).build();
  }

  /**
   * Creates an array in {@code manager}; a direct buffer is handed over as is.
   *
   * @throws KibitzException INVALID_ARGUMENT for BFLOAT16, which the engine cannot hold
   */
  public static NDArray toNDArray(NDManager manager, HostTensor tensor) {
    if (tensor.dtype() == DType.BFLOAT16) {
      // DJL 0.35.1's PyTorch JNI has no bfloat16 mapping: creating or casting to one aborts the JVM.
      throw KibitzException.invalid("tensor " + tensor.dtype() + " " + Shapes.format(tensor.shape())
          + ": the PyTorch engine cannot compute on BFLOAT16; send FLOAT32 (bfloat16 widens to it exactly)");
    }
    Shape shape = new Shape(tensor.shape());
    if (tensor.elements() == 0) {
      return manager.zeros(shape, tensor.dtype().djl());
    }
    ByteBuffer data = tensor.data();
    if (!data.isDirect()) {
      ByteBuffer direct = ByteBuffer.allocateDirect(data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
      direct.put(data).flip();
      data = direct;
    }
    return manager.create(data, shape, tensor.dtype().djl());
  }

  /**
   * Copies the array's bytes out into a new little-endian heap buffer. Heap, not direct: freshly
   * allocated direct buffers of tens of MB are only released by GC and stall allocation
   * (measured 3.5x slower on a batch-256 capture of every hook).
   */
  public static HostTensor fromNDArray(NDArray array) {
    DType dtype = DType.fromDjl(array.getDataType());
    long[] shape = array.getShape().getShape();
    if (array.size() == 0) {
      return new HostTensor(dtype, shape, ByteBuffer.allocate(0));
    }
    return new HostTensor(dtype, shape, array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
  }

  /**
   * The array's bytes without copying them: valid only while the array (and for an array not on
   * the CPU or not contiguous, the CPU copy DJL makes in the same manager) is open. For handing
   * results to a transport that copies them before the batch manager closes.
   */
  public static HostTensor view(NDArray array) {
    DType dtype = DType.fromDjl(array.getDataType());
    long[] shape = array.getShape().getShape();
    if (array.size() == 0) {
      return new HostTensor(dtype, shape, ByteBuffer.allocateDirect(0));
    }
    return new HostTensor(dtype, shape, array.toByteBuffer(true).order(ByteOrder.LITTLE_ENDIAN));
  }
}

package dev.kibitz.core.tensor;

import ai.djl.ndarray.types.DataType;

/** Element types Kibitz moves on the wire and on disk, with their DJL and proto names. */
public enum DType {
  FLOAT32(4, DataType.FLOAT32, dev.kibitz.proto.v1.DType.DTYPE_FLOAT32),
  FLOAT16(2, DataType.FLOAT16, dev.kibitz.proto.v1.DType.DTYPE_FLOAT16),
  BFLOAT16(2, DataType.BFLOAT16, dev.kibitz.proto.v1.DType.DTYPE_BFLOAT16),
  INT32(4, DataType.INT32, dev.kibitz.proto.v1.DType.DTYPE_INT32),
  INT64(8, DataType.INT64, dev.kibitz.proto.v1.DType.DTYPE_INT64),
  BOOL(1, DataType.BOOLEAN, dev.kibitz.proto.v1.DType.DTYPE_BOOL);

  private final int byteSize;
  private final DataType djl;
  private final dev.kibitz.proto.v1.DType proto;

  DType(int byteSize, DataType djl, dev.kibitz.proto.v1.DType proto) {
    this.byteSize = byteSize;
    this.djl = djl;
    this.proto = proto;
  }

  public int byteSize() {
    return byteSize;
  }

  public DataType djl() {
    return djl;
  }

  public dev.kibitz.proto.v1.DType proto() {
    return proto;
  }

  public static DType fromDjl(DataType type) {
    for (DType d : values()) {
      if (d.djl == type) {
        return d;
      }
    }
    throw new IllegalArgumentException("DJL data type " + type + " has no Kibitz dtype");
  }

  /** Returns the dtype, or null for DTYPE_UNSPECIFIED and unknown values. */
  public static DType fromProtoOrNull(dev.kibitz.proto.v1.DType type) {
    for (DType d : values()) {
      if (d.proto == type) {
        return d;
      }
    }
    return null;
  }
}

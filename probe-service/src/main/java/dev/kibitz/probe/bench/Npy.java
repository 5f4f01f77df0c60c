package dev.kibitz.probe.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes NumPy .npy files (format 1.0, little-endian, C order) so Python baselines read our data as is. */
final class Npy {
  private Npy() {}

  static void writeFloats(Path path, float[] values, int rows, int cols) throws IOException {
    ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(values);
    write(path, "<f4", "(" + rows + ", " + cols + ")", data);
  }

  static void writeBytes(Path path, byte[] values) throws IOException {
    write(path, "|u1", "(" + values.length + ",)", ByteBuffer.wrap(values));
  }

  private static void write(Path path, String descr, String shape, ByteBuffer data) throws IOException {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // Magic (6) + version (2) + length (2) + header, padded with spaces to 64 bytes and ended by \n.
    int total = (10 + dict.length() + 1 + 63) / 64 * 64;
    String header = dict + " ".repeat(total - 10 - dict.length() - 1) + "\n";
    ByteBuffer head = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    head.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).flip();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      while (head.hasRemaining()) {
        ch.write(head);
      }
      while (data.hasRemaining()) {
        ch.write(data);
      }
    }
  }
}

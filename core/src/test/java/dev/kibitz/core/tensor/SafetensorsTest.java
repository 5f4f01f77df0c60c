package dev.kibitz.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

  /** Header JSON exactly as the format lays it out, padded with spaces to a multiple of 8. */
  private static final String GOLDEN_HEADER =
      "{\"__metadata__\":{\"step\":\"7\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
          + "\"i\":{\"dtype\":\"I64\",\"shape\":[1,1],\"data_offsets\":[8,16]}}";

  private static byte[] goldenFile() {
    byte[] json = GOLDEN_HEADER.getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer b = ByteBuffer.allocate(8 + padded + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(padded).put(json);
    for (int i = json.length; i < padded; i++) {
      b.put((byte) ' ');
    }
    b.putFloat(1.5f).putFloat(-2f).putLong(42L);
    return b.array();
  }

  private static Map<String, HostTensor> goldenTensors() {
    Map<String, HostTensor> t = new LinkedHashMap<>();
    t.put("w", HostTensor.ofFloats(new long[] {2}, 1.5f, -2f));
    ByteBuffer i = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(42L).flip();
    t.put("i", new HostTensor(DType.INT64, new long[] {1, 1}, i));
    return t;
  }

  @Test
  void writesExactlyTheGoldenBytes(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("golden.safetensors");
    Safetensors.write(f, goldenTensors(), Map.of("step", "7"));
    assertArrayEquals(goldenFile(), Files.readAllBytes(f));
  }

  @Test
  void readsTheGoldenBytesBackInHeaderOrderWithMetadata() throws IOException {
    Safetensors.Contents c = Safetensors.parse(ByteBuffer.wrap(goldenFile()), "golden");
    assertEquals(java.util.List.of("w", "i"), java.util.List.copyOf(c.tensors().keySet()));
    assertArrayEquals(new float[] {1.5f, -2f}, c.tensors().get("w").toFloats());
    assertEquals(42L, c.tensors().get("i").data().getLong(0));
    assertArrayEquals(new long[] {1, 1}, c.tensors().get("i").shape());
    assertEquals(Map.of("step", "7"), c.metadata());
  }

  @Test
  void everyDtypeAndAnEmptyTensorRoundTrip(@TempDir Path dir) throws IOException {
    Map<String, HostTensor> t = new LinkedHashMap<>();
    t.put("f16", new HostTensor(DType.FLOAT16, new long[] {3}, ByteBuffer.wrap(new byte[] {0, 60, 0, -68, 0, 0})));
    t.put("bf16", new HostTensor(DType.BFLOAT16, new long[] {1}, ByteBuffer.wrap(new byte[] {-128, 63})));
    t.put("i32", new HostTensor(DType.INT32, new long[] {1}, ByteBuffer.wrap(new byte[] {7, 0, 0, 0})));
    t.put("mask", HostTensor.ofBools(new long[] {2}, true, false));
    t.put("empty", HostTensor.ofFloats(new long[] {0, 4}));
    Path f = dir.resolve("all.safetensors");
    Safetensors.write(f, t, Map.of());
    Safetensors.Contents back = Safetensors.read(f);
    for (String name : t.keySet()) {
      assertTrue(t.get(name).sameAs(back.tensors().get(name)), name);
    }
  }

  @Test
  void refusesFilesThatBreakTheFormatNamingTheProblem() {
    byte[] good = goldenFile();
    assertEquals("f: 4 bytes is too short for a safetensors header", parseError(new byte[4]));
    byte[] hugeHeader = good.clone();
    ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1_000_000L);
    assertEquals("f: header length 1000000 does not fit the file (" + good.length + " bytes)", parseError(hugeHeader));
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 4);
    assertEquals("f: tensor 'i' ends at 16, past the data (12 bytes)", parseError(truncated));
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 3);
    assertEquals("f: 3 bytes after the last tensor", parseError(trailing));
    byte[] badDtype = new String(good, StandardCharsets.ISO_8859_1).replace("\"I64\"", "\"I65\"")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("f: tensor 'i' has unsupported dtype \"I65\"", parseError(badDtype));
    byte[] wrongSpan = new String(good, StandardCharsets.ISO_8859_1).replace("\"shape\":[2]", "\"shape\":[3]")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("f: tensor 'w' FLOAT32 [3] needs 12 bytes, its offsets span 8", parseError(wrongSpan));
  }

  private static String parseError(byte[] file) {
    return assertThrows(IOException.class, () -> Safetensors.parse(ByteBuffer.wrap(file), "f")).getMessage();
  }
}

package dev.kibitz.core.tensor;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors file format (readable unchanged by Python's {@code safetensors}): an 8-byte
 * little-endian header length, a JSON header {name: {dtype, shape, data_offsets}} with optional
 * string {@code __metadata__}, padded with spaces to 8 bytes, then the tensors' bytes back to back
 * in header order. Reading validates everything (offsets contiguous and in the file, sizes match
 * dtype and shape) and says what is wrong.
 */
public final class Safetensors {
  private static final long MAX_HEADER = 100L << 20;
  private static final String METADATA = "__metadata__";

  private Safetensors() {}

  /** A file's tensors in header order, and its metadata. */
  public record Contents(Map<String, HostTensor> tensors, Map<String, String> metadata) {}

  public static String dtypeName(DType d) {
    return switch (d) {
      case FLOAT32 -> "F32";
      case FLOAT16 -> "F16";
      case BFLOAT16 -> "BF16";
      case INT32 -> "I32";
      case INT64 -> "I64";
      case BOOL -> "BOOL";
    };
  }

  static DType dtypeOf(String name) {
    for (DType d : DType.values()) {
      if (dtypeName(d).equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** The header bytes (length prefix included) for tensors written in map order. */
  public static ByteBuffer header(Map<String, HostTensor> tensors, Map<String, String> metadata) {
    Map<String, DType> dtypes = new LinkedHashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    tensors.forEach((name, t) -> {
      dtypes.put(name, t.dtype());
      shapes.put(name, t.shape());
    });
    return header(dtypes, shapes, metadata);
  }

  /**
   * The header for tensors described by dtype and shape (same keys, written in {@code shapes} order),
   * for writers that stream the data afterwards instead of holding it.
   */
  public static ByteBuffer header(Map<String, DType> dtypes, Map<String, long[]> shapes,
      Map<String, String> metadata) {
    JsonObject h = new JsonObject();
    if (!metadata.isEmpty()) {
      JsonObject m = new JsonObject();
      metadata.forEach(m::addProperty);
      h.add(METADATA, m);
    }
    long offset = 0;
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      if (e.getKey().equals(METADATA)) {
        throw new IllegalArgumentException("a tensor cannot be named " + METADATA);
      }
      DType dtype = dtypes.get(e.getKey());
      long bytes = Shapes.elements(e.getValue()) * dtype.byteSize();
      JsonObject o = new JsonObject();
      o.addProperty("dtype", dtypeName(dtype));
      JsonArray shape = new JsonArray();
      for (long d : e.getValue()) {
        shape.add(d);
      }
      o.add("shape", shape);
      JsonArray offsets = new JsonArray();
      offsets.add(offset);
      offsets.add(offset + bytes);
      o.add("data_offsets", offsets);
      h.add(e.getKey(), o);
      offset += bytes;
    }
    byte[] json = new Gson().toJson(h).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(padded).put(json);
    while (b.hasRemaining()) {
      b.put((byte) ' ');
    }
    return b.flip();
  }

  /** Writes the file and forces it to disk before returning. */
  public static void write(Path path, Map<String, HostTensor> tensors, Map<String, String> metadata)
      throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(ch, header(tensors, metadata));
      for (HostTensor t : tensors.values()) {
        writeFully(ch, t.data());
      }
      ch.force(true);
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  public static Contents read(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE) {
        throw new IOException(path + ": files over 2 GiB are not supported here");
      }
      ByteBuffer all = ByteBuffer.allocate((int) size);
      while (all.hasRemaining() && ch.read(all) >= 0) {
        // read fully
      }
      return parse(all.flip(), path.toString());
    }
  }

  /** Parses a whole file held in memory; {@code what} names it in errors. */
  public static Contents parse(ByteBuffer file, String what) throws IOException {
    ByteBuffer b = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() < 8) {
      throw new IOException(what + ": " + b.remaining() + " bytes is too short for a safetensors header");
    }
    long n = b.getLong();
    if (n < 2 || n > MAX_HEADER || n > b.remaining()) {
      throw new IOException(what + ": header length " + n + " does not fit the file (" + (b.remaining() + 8)
          + " bytes)");
    }
    byte[] json = new byte[(int) n];
    b.get(json);
    ByteBuffer data = b.slice().order(ByteOrder.LITTLE_ENDIAN);
    JsonObject h;
    try {
      h = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new IOException(what + ": header is not a JSON object: " + e.getMessage());
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : h.entrySet()) {
      if (e.getKey().equals(METADATA)) {
        for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
          metadata.put(m.getKey(), m.getValue().getAsString());
        }
      } else {
        entries.add(entry(e.getKey(), e.getValue(), what));
      }
    }
    List<Entry> byOffset = new ArrayList<>(entries);
    byOffset.sort((x, y) -> Long.compare(x.begin(), y.begin()));
    long expected = 0;
    Map<String, HostTensor> slices = new LinkedHashMap<>();
    for (Entry e : byOffset) {
      if (e.begin() != expected) {
        throw new IOException(what + ": tensor '" + e.name() + "' starts at " + e.begin() + ", expected " + expected
            + " (data must be contiguous)");
      }
      long bytes = Shapes.elements(e.shape()) * e.dtype().byteSize();
      if (e.end() - e.begin() != bytes) {
        throw new IOException(what + ": tensor '" + e.name() + "' " + e.dtype() + " " + Shapes.format(e.shape())
            + " needs " + bytes + " bytes, its offsets span " + (e.end() - e.begin()));
      }
      if (e.end() > data.remaining()) {
        throw new IOException(what + ": tensor '" + e.name() + "' ends at " + e.end() + ", past the data ("
            + data.remaining() + " bytes)");
      }
      ByteBuffer slice = data.duplicate().position((int) e.begin()).limit((int) e.end()).slice();
      slices.put(e.name(), new HostTensor(e.dtype(), e.shape(), slice));
      expected = e.end();
    }
    if (expected != data.remaining()) {
      throw new IOException(what + ": " + (data.remaining() - expected) + " bytes after the last tensor");
    }
    Map<String, HostTensor> tensors = new LinkedHashMap<>();
    for (Entry e : entries) {
      tensors.put(e.name(), slices.get(e.name()));
    }
    return new Contents(tensors, metadata);
  }

  private record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

  private static Entry entry(String name, JsonElement el, String what) throws IOException {
    try {
      JsonObject o = el.getAsJsonObject();
      DType dtype = dtypeOf(o.get("dtype").getAsString());
      if (dtype == null) {
        throw new IOException(what + ": tensor '" + name + "' has unsupported dtype " + o.get("dtype"));
      }
      JsonArray s = o.getAsJsonArray("shape");
      long[] shape = new long[s.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = s.get(i).getAsLong();
        if (shape[i] < 0) {
          throw new IOException(what + ": tensor '" + name + "' has a negative dimension");
        }
      }
      JsonArray r = o.getAsJsonArray("data_offsets");
      if (r.size() != 2 || r.get(0).getAsLong() < 0 || r.get(1).getAsLong() < r.get(0).getAsLong()) {
        throw new IOException(what + ": tensor '" + name + "' has bad data_offsets " + r);
      }
      return new Entry(name, dtype, shape, r.get(0).getAsLong(), r.get(1).getAsLong());
    } catch (RuntimeException e) {
      throw new IOException(what + ": tensor '" + name + "' entry is malformed: " + el);
    }
  }
}

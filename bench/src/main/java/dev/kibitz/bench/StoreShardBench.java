package dev.kibitz.bench;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.store.ActivationStore;
import dev.kibitz.store.StoredBlob;
import dev.kibitz.store.Announcer;
import dev.kibitz.store.blob.LocalBlobStore;
import dev.kibitz.store.catalog.BatchRecord;
import dev.kibitz.store.catalog.Catalog;
import dev.kibitz.store.catalog.CatalogDatabase;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Shard write (made durable: fsync + rename + catalog row) and sequential read (with its sha256 check)
 * through the local store, against {@code dd} moving the same number of bytes on the same disk
 * ({@code conv=fdatasync} for writes), interleaved round by round. Reads of both sides come from the
 * page cache: what is compared is the store's overhead, not the disk.
 */
final class StoreShardBench implements Bench {
  private static final int WIDTH = 4096;

  @Override
  public String name() {
    return "store-shard";
  }

  @Override
  public String description() {
    return "activation-store shard write (durable) and read vs dd of the same size; goal >= 0.8 each";
  }

  @Override
  public Map<String, Object> run() throws Exception {
    int mib = Integer.getInteger("kibitz.bench.store.mib", 64);
    int rounds = Integer.getInteger("kibitz.bench.rounds", 5);
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kibitz-store-bench-");
    int rows = mib * (1 << 20) / (WIDTH * 4);
    HostTensor activations = activations(rows);
    long[] ourWrite = new long[rounds];
    long[] ddWrite = new long[rounds];
    long[] ourRead = new long[rounds];
    long[] ddRead = new long[rounds];
    try (ActivationStore store = new ActivationStore(new Catalog(CatalogDatabase.embedded(dir)),
        new LocalBlobStore(dir.resolve("blobs")), dir.resolve("staging"), Announcer.NONE, Clock.systemUTC())) {
      String id = store.createDataset(new DatasetSpec("bench", new DatasetKey("bench", "0", "h", "random"),
          DType.FLOAT32, new long[] {WIDTH}, List.of(), Map.of())).id();
      Path ddFile = dir.resolve("dd.bin");
      store.writeBatch(id, "warm-up", activations, Map.of());
      for (int r = 0; r < rounds; r++) {
        boolean oursFirst = r % 2 == 0;
        if (!oursFirst) {
          ddWrite[r] = dd("if=/dev/zero", "of=" + ddFile, "bs=1M", "count=" + mib, "conv=fdatasync");
        }
        long t0 = System.nanoTime();
        BatchRecord b = store.writeBatch(id, "round-" + r, activations, Map.of());
        ourWrite[r] = System.nanoTime() - t0;
        if (oursFirst) {
          ddWrite[r] = dd("if=/dev/zero", "of=" + ddFile, "bs=1M", "count=" + mib, "conv=fdatasync");
        }
        Path shard = dir.resolve("blobs").resolve(b.blobKey());
        if (!oursFirst) {
          ddRead[r] = dd("if=" + shard, "of=/dev/null", "bs=1M");
        }
        ourRead[r] = timeRead(store, id, b.batchIndex());
        if (oursFirst) {
          ddRead[r] = dd("if=" + shard, "of=/dev/null", "bs=1M");
        }
        System.err.printf("round %d: write ours %.0f ms, dd %.0f ms; read ours %.0f ms, dd %.0f ms%n", r,
            ourWrite[r] / 1e6, ddWrite[r] / 1e6, ourRead[r] / 1e6, ddRead[r] / 1e6);
      }
    } finally {
      deleteTree(dir);
    }
    double mb = mib * 1.048576;
    Map<String, Object> f = Bench.figures();
    f.put("shard_mib", mib);
    f.put("write_mb_per_s_store", Bench.round(mb / (Bench.median(ourWrite) / 1e9), 1));
    f.put("write_mb_per_s_dd", Bench.round(mb / (Bench.median(ddWrite) / 1e9), 1));
    f.put("write_ratio", Bench.round(Bench.median(ddWrite) / Bench.median(ourWrite), 3));
    f.put("read_mb_per_s_store", Bench.round(mb / (Bench.median(ourRead) / 1e9), 1));
    f.put("read_mb_per_s_dd", Bench.round(mb / (Bench.median(ddRead) / 1e9), 1));
    f.put("read_ratio", Bench.round(Bench.median(ddRead) / Bench.median(ourRead), 3));
    return f;
  }

  private static long timeRead(ActivationStore store, String id, int index) throws Exception {
    byte[] buf = new byte[1 << 20];
    long t0 = System.nanoTime();
    try (StoredBlob<?> s = store.openBatch(id, index); InputStream in = s.stream()) {
      while (in.read(buf) >= 0) {
        // stream to the end, as a gRPC read does
      }
      s.verify();
    }
    return System.nanoTime() - t0;
  }

  private static long dd(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "dd";
    System.arraycopy(args, 0, cmd, 1, args.length);
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("dd failed: " + String.join(" ", cmd));
    }
    return System.nanoTime() - t0;
  }

  private static HostTensor activations(int rows) {
    ByteBuffer b = ByteBuffer.allocate(rows * WIDTH * 4).order(ByteOrder.LITTLE_ENDIAN);
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    while (b.hasRemaining()) {
      b.putFloat((float) random.nextGaussian());
    }
    return new HostTensor(DType.FLOAT32, new long[] {rows, WIDTH}, b.flip());
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}

package dev.kibitz.bench;

import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.core.tensor.NativeHeap;
import dev.kibitz.games.zoo.ZooModels;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import java.util.Arrays;
import java.util.Map;

/**
 * Whether the model server holds its pace and its memory under sustained capture: chess batches of 256
 * (FEN + Elo states) over loopback gRPC, capturing every block's residual output, for 10 warm-up + 300
 * batches on one stream. The median of the last 20 batch times over the first 20, and the growth of this
 * process's resident memory (server and client together) between those windows. The baseline is the
 * server's own early batches, in the same run.
 */
final class ServerSteadyBench implements Bench {
  @Override
  public String name() {
    return "server-steady";
  }

  @Override
  public String description() {
    return "model-server chess forward with block captures over 300 batches of 256: last-20/first-20 batch time, "
        + "RSS growth (goal <= 5%)";
  }

  @Override
  public Map<String, Object> run() throws Exception {
    int warmup = Integer.getInteger("kibitz.bench.server.steady.warmup", 50); // oneDNN and the JIT settle by ~30
    int batches = Integer.getInteger("kibitz.bench.server.steady.batches", 300);
    int window = 20;
    long[] nanos = new long[batches];
    long[] rss = new long[batches];
    ForwardBatch batch = ChessForwardBench.positions(256, 11);
    try (LoopbackModelServer server = LoopbackModelServer.start()) {
      var hooks = server.client().describe(ZooModels.CHESS_POLICY).getHookPointsList().stream().map(h -> h.getName())
          .filter(n -> n.matches("blocks\\.\\d+\\.resid_out")).toList();
      try (ForwardStream s = server.client().openForward(ForwardOpen.newBuilder().setModel(ZooModels.CHESS_POLICY)
          .addAllCapture(hooks).build())) {
        for (int i = 0; i < warmup; i++) {
          forward(s, batch);
        }
        ProgressBar bar = new ProgressBar("server-steady", batches);
        for (int i = 0; i < batches; i++) {
          nanos[i] = forward(s, batch);
          rss[i] = NativeHeap.residentKib();
          bar.update(i + 1, String.format("rss %d MiB", rss[i] / 1024));
        }
      }
    }
    long rssFirst = (long) Bench.median(Arrays.copyOfRange(rss, 0, window));
    long rssLast = (long) Bench.median(Arrays.copyOfRange(rss, batches - window, batches));
    double first = Bench.median(Arrays.copyOfRange(nanos, 0, window)) / 1e6;
    double last = Bench.median(Arrays.copyOfRange(nanos, batches - window, batches)) / 1e6;
    Map<String, Object> f = Bench.figures();
    f.put("batches", batches);
    f.put("warmup_batches", warmup);
    f.put("batch", 256);
    f.put("captured_hooks", 6);
    f.put("ms_per_batch_first20", Bench.round(first, 2));
    f.put("ms_per_batch_last20", Bench.round(last, 2));
    f.put("ratio_last_over_first", Bench.round(last / first, 3));
    f.put("rss_mib_first20_median", rssFirst / 1024);
    f.put("rss_mib_last20_median", rssLast / 1024);
    f.put("rss_mib_max", Arrays.stream(rss).max().orElseThrow() / 1024);
    f.put("rss_growth_pct", Bench.round(100.0 * (rssLast - rssFirst) / rssFirst, 2));
    f.put("heap_pre_touched", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
        .contains("-XX:+AlwaysPreTouch"));
    return f;
  }

  private static long forward(ForwardStream stream, ForwardBatch batch) {
    long start = System.nanoTime();
    stream.send(ForwardRequest.newBuilder().setBatch(batch).build());
    stream.receive();
    return System.nanoTime() - start;
  }
}

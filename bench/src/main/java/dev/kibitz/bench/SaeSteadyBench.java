package dev.kibitz.bench;

import dev.kibitz.core.tensor.NativeHeap;
import dev.kibitz.sae.train.SaeTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether {@link SaeTrainer} holds its pace and its memory over a run: the {@link SaeStepBench}
 * SAE for 10 warm-up + 200 steps; the median of the last 20 step times over the first 20, and the
 * growth of resident memory (VmRSS) between measured step 20 and step 200. The baseline is the
 * trainer's own early steps, in the same run.
 */
final class SaeSteadyBench implements Bench {
  @Override
  public String name() {
    return "sae-steady";
  }

  @Override
  public String description() {
    return "SaeTrainer over 200 steps (B=4096 d=256 width=4096): last-20/first-20 step time (goal <= 1.10), "
        + "RSS growth step 20 -> 200 (goal <= 5%)";
  }

  @Override
  public Map<String, Object> run() throws Exception {
    int warmup = Integer.getInteger("kibitz.bench.sae.warmup", 10);
    int steps = Integer.getInteger("kibitz.bench.sae.steady.steps", 200);
    int window = 20;
    long[] nanos = new long[steps];
    long[] rssFirst = new long[window];
    long[] rssLast = new long[window];
    long[] heap = new long[2];
    long[] lastEnd = {System.nanoTime()};
    new SaeTrainer(SaeStepBench.config(warmup + steps)).train(
        new RandomRowSource(SaeStepBench.D, SaeStepBench.BATCH, 8, 5), null, (step, stats) -> {
          long now = System.nanoTime();
          int measured = step - warmup;
          if (measured >= 1) {
            nanos[measured - 1] = now - lastEnd[0];
            // A step's intermediates (B x width floats, 64 MiB) come and go, so one reading can be off by
            // that much: each window's median is compared.
            if (measured <= window) {
              rssFirst[measured - 1] = NativeHeap.residentKib();
            } else if (measured > steps - window) {
              rssLast[measured - 1 - (steps - window)] = NativeHeap.residentKib();
            }
            if (measured == window) {
              heap[0] = heapCommittedKib();
            } else if (measured == steps) {
              heap[1] = heapCommittedKib();
            }
            if (measured % 20 == 0) {
              System.err.printf("step %d: %.1f ms, loss %.4f, rss %d MiB%n", measured, nanos[measured - 1] / 1e6,
                  stats.loss(), NativeHeap.residentKib() / 1024);
            }
          }
          lastEnd[0] = System.nanoTime();
          return true;
        });
    long[] rss = {(long) Bench.median(rssFirst), (long) Bench.median(rssLast)};
    double first = Bench.median(java.util.Arrays.copyOfRange(nanos, 0, window)) / 1e6;
    double last = Bench.median(java.util.Arrays.copyOfRange(nanos, steps - window, steps)) / 1e6;
    // Steps that release free memory, and the step after (which faults the released pages back in), against
    // the rest: what the release costs, measured in this run.
    int every = SaeTrainer.RELEASE_FREE_MEMORY_EVERY;
    List<Long> releasing = new ArrayList<>();
    List<Long> other = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      int trainerStep = warmup + i + 1;
      boolean near = every > 0 && (trainerStep % every == 0 || trainerStep % every == 1);
      (near ? releasing : other).add(nanos[i]);
    }
    Map<String, Object> f = Bench.figures();
    f.put("steps", steps);
    f.put("warmup_steps", warmup);
    f.put("threads", Integer.getInteger("ai.djl.pytorch.num_threads", 2));
    f.put("ms_per_step_first20", Bench.round(first, 2));
    f.put("ms_per_step_last20", Bench.round(last, 2));
    f.put("ratio_last_over_first", Bench.round(last / first, 3));
    f.put("rss_mib_first" + window + "_median", rss[0] / 1024);
    f.put("rss_mib_last" + window + "_median", rss[1] / 1024);
    f.put("rss_growth_pct", Bench.round(100.0 * (rss[1] - rss[0]) / rss[0], 2));
    f.put("release_free_memory_every", every);
    f.put("native_heap_releasable", NativeHeap.canRelease());
    if (!releasing.isEmpty()) {
      f.put("ms_per_step_releasing_and_next", Bench.round(median(releasing) / 1e6, 2));
      f.put("ms_per_step_other", Bench.round(median(other) / 1e6, 2));
    }
    // RSS also counts Java heap pages as G1 first touches them, which looks like growth but is not a
    // leak; with -Xms = -Xmx and -XX:+AlwaysPreTouch the heap is resident from the start and RSS growth
    // is the native side's (libtorch's) alone.
    f.put("heap_pre_touched", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
        .contains("-XX:+AlwaysPreTouch"));
    f.put("heap_committed_mib_step" + window, heap[0] / 1024);
    f.put("heap_committed_mib_step" + steps, heap[1] / 1024);
    return f;
  }

  private static double median(List<Long> values) {
    return Bench.median(values.stream().mapToLong(Long::longValue).toArray());
  }

  /** The Java heap's committed size in KiB. */
  static long heapCommittedKib() {
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1024;
  }
}

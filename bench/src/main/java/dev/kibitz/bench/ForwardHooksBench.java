package dev.kibitz.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.hook.ForwardPlan;
import dev.kibitz.core.hook.HookRun;
import dev.kibitz.core.intervention.EditContext;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.games.zoo.ZooModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Forward with a capture at every hook point vs the plain forward of the same model, at batch 1 and
 * 256: captures kept as engine references, and captures copied out to bytes. Variants run
 * interleaved round by round so machine noise hits all of them alike.
 */
public final class ForwardHooksBench implements Bench {
  private static final int ROUNDS = 15;

  @Override
  public String name() {
    return "forward-hooks";
  }

  @Override
  public String description() {
    return "forward capturing every hook point (references / copied to bytes) vs plain forward, batch 1 and 256";
  }

  @Override
  public Map<String, Object> run() {
    Map<String, Object> f = Bench.figures();
    try (ModelRegistry registry = new ModelRegistry(Device.cpu())) {
      ZooModels.registerAll(registry);
      HookedModel model = registry.model(ZooModels.RESCONV_POLICY, "");
      List<String> all = model.hookPoints().stream().map(TensorSpec::name).toList();
      ForwardPlan captureAll = ForwardPlan.validate(model.name(), model.hookPoints(), all, List.of());
      f.put("model", model.name());
      f.put("hook_points", all.size());
      for (int batch : new int[] {1, 256}) {
        int reps = batch == 1 ? 200 : 4;
        HostTensor obs = randomObs(model.inputs().get(0), batch);
        long[][] t = new long[3][ROUNDS];
        for (int warm = 0; warm < 3; warm++) {
          for (int v = 0; v < 3; v++) {
            time(model, captureAll, obs, v, reps);
          }
        }
        ProgressBar bar = new ProgressBar("forward-hooks batch " + batch, ROUNDS);
        for (int r = 0; r < ROUNDS; r++) {
          for (int v = 0; v < 3; v++) {
            t[v][r] = time(model, captureAll, obs, v, reps) / reps;
          }
          bar.update(r + 1);
        }
        double plain = Bench.median(t[0]);
        f.put("b" + batch + "_plain_us", Bench.round(plain / 1e3, 1));
        f.put("b" + batch + "_capture_refs_us", Bench.round(Bench.median(t[1]) / 1e3, 1));
        f.put("b" + batch + "_capture_bytes_us", Bench.round(Bench.median(t[2]) / 1e3, 1));
        f.put("b" + batch + "_ratio_refs", Bench.round(Bench.median(t[1]) / plain, 3));
        f.put("b" + batch + "_ratio_bytes", Bench.round(Bench.median(t[2]) / plain, 3));
      }
    }
    f.put("goal_ratio_refs", 1.10);
    f.put("goal_ratio_bytes", 1.25);
    return f;
  }

  /** Total nanoseconds for {@code reps} forwards of one variant: 0 plain, 1 capture refs, 2 capture bytes. */
  private static long time(HookedModel model, ForwardPlan plan, HostTensor obs, int variant, int reps) {
    long start = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      try (NDManager batch = model.manager().newSubManager()) {
        NDList in = new NDList(TensorCodec.toNDArray(batch, obs));
        NDList out;
        if (variant == 0) {
          out = model.forward(in);
        } else {
          try (HookRun run = HookRun.open(plan, new EditContext(batch, obs.shape()[0], Map.of()), () -> false)) {
            out = model.forward(in);
            if (variant == 2) {
              for (NDArray a : run.captures().values()) {
                TensorCodec.fromNDArray(a);
              }
            }
          }
        }
        for (NDArray o : out) {
          TensorCodec.fromNDArray(o);
        }
      }
    }
    return System.nanoTime() - start;
  }

  static HostTensor randomObs(TensorSpec spec, int batch) {
    long n = batch * spec.elements();
    ByteBuffer b = ByteBuffer.allocateDirect((int) n * 4).order(ByteOrder.LITTLE_ENDIAN);
    SplittableRandom random = new SplittableRandom(7);
    for (long i = 0; i < n; i++) {
      b.putFloat(random.nextDouble() < 0.3 ? 1f : 0f);
    }
    b.flip();
    long[] shape = new long[spec.rank() + 1];
    shape[0] = batch;
    System.arraycopy(spec.shape(), 0, shape, 1, spec.rank());
    return new HostTensor(spec.dtype(), shape, b);
  }
}

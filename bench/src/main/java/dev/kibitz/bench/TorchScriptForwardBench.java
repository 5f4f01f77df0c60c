package dev.kibitz.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.core.modelpackage.ModelPackage;
import dev.kibitz.core.modelpackage.PackagedModel;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.games.zoo.ZooModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The maze-like policy exported from PyTorch (fixtures/packages/maze-resconv-bench: the zoo's
 * ResidualConvPolicy.MAZE architecture and sizes, run as 5 TorchScript stages with hook points
 * between them) against the zoo's resconv-policy (the same network as DJL blocks), plain forward,
 * interleaved round by round.
 */
public final class TorchScriptForwardBench implements Bench {
  private static final int ROUNDS = 15;
  private static final String PACKAGE = "fixtures/packages/maze-resconv-bench";

  @Override
  public String name() {
    return "torchscript-forward";
  }

  @Override
  public String description() {
    return "forward of the exported maze-like policy as TorchScript stages vs the same network as a zoo (DJL block) "
        + "model, batch 1 and 256";
  }

  @Override
  public Map<String, Object> run() {
    Map<String, Object> f = Bench.figures();
    try (ModelRegistry registry = new ModelRegistry(Device.cpu());
        PackagedModel ts = ModelPackage.load(packageDir(), Device.cpu(), ModelPackage.ParityPolicy.MANIFEST)) {
      ZooModels.registerAll(registry);
      HookedModel zoo = registry.model(ZooModels.RESCONV_POLICY, "");
      f.put("zoo_model", zoo.name());
      f.put("package", ts.name());
      f.put("package_stages", ts.manifest().stages().size());
      f.put("package_parity", ts.parity().summary());
      HookedModel[] models = {zoo, ts};
      for (int batch : new int[] {1, 256}) {
        int reps = batch == 1 ? 50 : 4;
        HostTensor obs = ForwardHooksBench.randomObs(zoo.inputs().get(0), batch);
        long[][] t = new long[2][ROUNDS];
        for (int warm = 0; warm < 3; warm++) {
          for (HookedModel m : models) {
            time(m, obs, reps);
          }
        }
        ProgressBar bar = new ProgressBar("torchscript-forward batch " + batch, ROUNDS);
        for (int r = 0; r < ROUNDS; r++) {
          for (int v = 0; v < 2; v++) {
            t[v][r] = time(models[v], obs, reps) / reps;
          }
          bar.update(r + 1);
        }
        double zooNs = Bench.median(t[0]);
        double tsNs = Bench.median(t[1]);
        f.put("b" + batch + "_zoo_ms", Bench.round(zooNs / 1e6, 3));
        f.put("b" + batch + "_torchscript_ms", Bench.round(tsNs / 1e6, 3));
        f.put("b" + batch + "_ratio_torchscript_over_zoo", Bench.round(tsNs / zooNs, 3));
      }
    }
    return f;
  }

  private static long time(HookedModel model, HostTensor obs, int reps) {
    long start = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      try (NDManager batch = model.manager().newSubManager()) {
        NDList out = model.forward(new NDList(TensorCodec.toNDArray(batch, obs)));
        for (NDArray o : out) {
          TensorCodec.fromNDArray(o);
        }
      }
    }
    return System.nanoTime() - start;
  }

  /** Under -Dkibitz.home (set by the launcher), else the first fixtures/ above the working directory. */
  static Path packageDir() {
    String home = System.getProperty("kibitz.home");
    if (home != null && Files.isDirectory(Path.of(home, PACKAGE))) {
      return Path.of(home, PACKAGE);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(PACKAGE))) {
        return p.resolve(PACKAGE);
      }
    }
    throw new IllegalStateException(PACKAGE + " not found (run from the repository or set -Dkibitz.home)");
  }
}

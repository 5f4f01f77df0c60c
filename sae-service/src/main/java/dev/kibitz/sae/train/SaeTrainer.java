package dev.kibitz.sae.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.kibitz.core.tensor.NativeHeap;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.arch.Pass;
import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.buffer.RowSource;
import dev.kibitz.sae.buffer.ShuffleBuffer;
import dev.kibitz.sae.checkpoint.ResumeState;
import dev.kibitz.sae.checkpoint.SaeCheckpoint;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Trains one SAE online: rows from a {@link RowSource} go through a {@link ShuffleBuffer}
 * (refilled whenever it drops below half full), each minibatch is scaled by the input scale, and
 * one step computes the architecture's loss and gradients, updates with Adam, renormalises decoder
 * rows and tracks dead features. With a checkpoint folder it saves weights + config.json and the
 * resume state every {@code checkpointEvery} steps and at the end, and a run started on a folder
 * that holds resume state continues it exactly.
 */
public final class SaeTrainer {
  /**
   * Every this many steps the C heap's free pages go back to the kernel ({@link NativeHeap}): without it,
   * resident memory grew 8% over 200 steps of a B=4096, width-4096 SAE as freed tensor buffers stayed
   * resident; with it, it stayed flat (docs/performance.md). 0 turns it off.
   */
  public static final int RELEASE_FREE_MEMORY_EVERY = Integer.getInteger("kibitz.sae.release-free-memory-every", 20);
  private final SaeTrainingConfig config;

  public SaeTrainer(SaeTrainingConfig config) {
    this.config = config;
  }

  /** What one step did. */
  public record StepStats(double loss, double reconstruction, double meanL0, double learningRate, int resampled) {}

  /** Called after every step; returning false stops training there (as a crash would, after any checkpoint). */
  @FunctionalInterface
  public interface StepListener {
    boolean stepDone(int step, StepStats stats);
  }

  /** The SAE as it stands when training ended, and whether it ran all its steps. */
  public record Outcome(Sae sae, boolean completed) {}

  /**
   * @param checkpointDir where to save and resume from; null trains without checkpoints
   */
  public Outcome train(RowSource source, Path checkpointDir, StepListener listener) throws IOException {
    try (NDManager root = NDManager.newBaseManager()) {
      TrainingState s = checkpointDir != null && ResumeState.exists(checkpointDir)
          ? TrainingState.resume(root, config, ResumeState.read(checkpointDir), source)
          : TrainingState.fresh(root, config, source);
      while (s.step < config.steps()) {
        StepStats stats = step(root, s, source);
        boolean save = checkpointDir != null && (s.step == config.steps()
            || config.checkpointEvery() > 0 && s.step % config.checkpointEvery() == 0);
        if (save) {
          SaeCheckpoint.save(s.export(config), checkpointDir);
          s.resumeState(config, source.position()).write(checkpointDir);
        }
        if (RELEASE_FREE_MEMORY_EVERY > 0 && s.step % RELEASE_FREE_MEMORY_EVERY == 0) {
          NativeHeap.releaseFreePages();
        }
        if (!listener.stepDone(s.step, stats)) {
          return new Outcome(s.export(config), false);
        }
      }
      return new Outcome(s.export(config), true);
    }
  }

  private StepStats step(NDManager root, TrainingState s, RowSource source) throws IOException {
    int half = s.buffer.capacity() / 2;
    while (s.buffer.size() < half) {
      RowBatch b = source.next();
      if (b.size() > half) {
        throw new IllegalArgumentException("source batches of " + b.size() + " rows exceed half the shuffle buffer ("
            + half + "); raise buffer_capacity");
      }
      s.buffer.offer(b);
    }
    RowBatch minibatch = s.buffer.takeReusing(config.batchSize());
    int t = s.step + 1;
    SaeArchitecture arch = config.architecture();
    try (NDManager sm = root.newSubManager()) {
      s.params.arrays().values().forEach(sm::tempAttachAll);
      s.adam.tempAttach(sm);
      NDArray x = TensorCodec.toNDArray(sm, minibatch.rows()).mul((float) s.inputScale);
      Pass pass = arch.pass(s.params, s.params, x, s.firing.deadMask(sm, config.deadAfterSteps()));
      NDArray wDec = s.params.get("W_dec");
      if (arch.removesParallelDecoderGradient()) {
        NDArray g = pass.gradients().get("W_dec");
        g.subi(wDec.mul(g.mul(wDec).sum(new int[] {1}, true)));
      }
      double lr = config.schedule().at(t);
      s.adam.update(s.params, pass.gradients(), lr, t);
      wDec.divi(wDec.norm(new int[] {1}, true));
      float[] fired = pass.features().gt(0).toType(DataType.FLOAT32, false).sum(new int[] {0}).toFloatArray();
      s.firing.record(fired);
      double l0 = 0;
      for (float c : fired) {
        l0 += c;
      }
      int resampled = 0;
      if (arch.kind() != SaeArchitecture.Kind.TOPK && config.resampleEvery() > 0 && t % config.resampleEvery() == 0
          && t + config.resampleEvery() <= config.steps()) {
        resampled = DeadFeatureResampler.resample(arch, s.params, s.adam, s.firing,
            s.firing.dead(config.deadAfterSteps()), x, pass.reconstructed(), s.resampleRandom);
      }
      s.step = t;
      return new StepStats(pass.loss(), pass.reconstruction(), l0 / config.batchSize(), lr, resampled);
    }
  }

  /** Scale so that E||x||^2 = d over {@code batches} rows, and the mean row (unscaled). */
  static double[] meanAndScale(NDManager root, Iterable<RowBatch> batches, int d) {
    double[] mean = new double[d + 1];
    long rows = 0;
    double sumSq = 0;
    try (NDManager sm = root.newSubManager()) {
      NDArray sum = sm.zeros(new ai.djl.ndarray.types.Shape(d), DataType.FLOAT64);
      for (RowBatch b : batches) {
        NDArray x = TensorCodec.toNDArray(sm, b.rows()).toType(DataType.FLOAT64, false);
        sum = sum.add(x.sum(new int[] {0}));
        sumSq += x.square().sum().getDouble();
        rows += b.size();
      }
      double[] s = sum.toDoubleArray();
      for (int j = 0; j < d; j++) {
        mean[j] = s[j] / rows;
      }
    }
    mean[d] = Math.sqrt(d / (sumSq / rows));
    return mean;
  }
}

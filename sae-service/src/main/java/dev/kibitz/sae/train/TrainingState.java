package dev.kibitz.sae.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.SeededRandom;
import dev.kibitz.sae.arch.JumpReluSae;
import dev.kibitz.sae.arch.SaeParameters;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.buffer.RowSource;
import dev.kibitz.sae.buffer.ShuffleBuffer;
import dev.kibitz.sae.checkpoint.ResumeState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mutable state of one run, created fresh or from a resume state, and saved back to one. */
final class TrainingState {
  static final float ENCODER_INIT_NORM = 0.1f;

  final SaeParameters params;
  final Adam adam;
  final FeatureFiring firing;
  final ShuffleBuffer buffer;
  final SeededRandom resampleRandom;
  final double inputScale;
  int step;

  private TrainingState(SaeParameters params, Adam adam, FeatureFiring firing, ShuffleBuffer buffer,
      SeededRandom resampleRandom, double inputScale, int step) {
    this.params = params;
    this.adam = adam;
    this.firing = firing;
    this.buffer = buffer;
    this.resampleRandom = resampleRandom;
    this.inputScale = inputScale;
    this.step = step;
  }

  /**
   * Reads the normalisation batches (then buffers them for training), and initialises: decoder rows
   * random unit directions, encoder = decoder transpose scaled by {@value #ENCODER_INIT_NORM} (so
   * initial activations are small and the first steps do not fight a huge reconstruction error),
   * b_dec = the (scaled) data mean, other biases 0, JumpReLU thresholds at their initial value.
   */
  static TrainingState fresh(NDManager root, SaeTrainingConfig c, RowSource source) throws IOException {
    SeededRandom random = new SeededRandom(c.seed());
    List<RowBatch> first = new ArrayList<>();
    for (int i = 0; i < c.normalizationBatches(); i++) {
      RowBatch b = source.next();
      if (b.width() != c.dIn()) {
        throw new IllegalArgumentException("source rows have width " + b.width() + ", config d_in is " + c.dIn());
      }
      first.add(b);
    }
    double[] meanAndScale = SaeTrainer.meanAndScale(root, first, c.dIn());
    double scale = meanAndScale[c.dIn()];
    ShuffleBuffer buffer = new ShuffleBuffer(c.dIn(), c.bufferCapacity(), random.nextLong());
    for (RowBatch b : first) {
      if (!buffer.fits(b.size())) {
        throw new IllegalArgumentException(c.normalizationBatches() + " normalisation batches do not fit a buffer of "
            + c.bufferCapacity() + " rows");
      }
      buffer.offer(b);
    }
    int d = c.dIn();
    int m = c.width();
    float[] dec = new float[m * d];
    float[] enc = new float[d * m];
    for (int i = 0; i < m; i++) {
      double norm = 0;
      for (int j = 0; j < d; j++) {
        dec[i * d + j] = (float) random.nextGaussian();
        norm += dec[i * d + j] * dec[i * d + j];
      }
      for (int j = 0; j < d; j++) {
        dec[i * d + j] /= (float) Math.sqrt(norm);
        enc[j * m + i] = dec[i * d + j] * ENCODER_INIT_NORM;
      }
    }
    float[] bDec = new float[d];
    for (int j = 0; j < d; j++) {
      bDec[j] = (float) (meanAndScale[j] * scale);
    }
    Map<String, NDArray> p = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : c.architecture().shapes(d, m).entrySet()) {
      Shape shape = new Shape(e.getValue());
      NDArray a = switch (e.getKey()) {
        case "W_enc" -> root.create(enc, shape);
        case "W_dec" -> root.create(dec, shape);
        case "b_dec" -> root.create(bDec, shape);
        case "log_threshold" -> root.full(shape, (float) Math.log(((JumpReluSae) c.architecture())
            .initialThreshold()));
        default -> root.zeros(shape);
      };
      p.put(e.getKey(), a);
    }
    SaeParameters params = new SaeParameters(p);
    return new TrainingState(params, Adam.zeros(params), FeatureFiring.fresh(m), buffer,
        new SeededRandom(random.nextLong()), scale, 0);
  }

  static TrainingState resume(NDManager root, SaeTrainingConfig c, ResumeState r, RowSource source)
      throws IOException {
    SaeTrainingConfig saved = SaeTrainingConfig.fromJson(r.config());
    if (!saved.withCheckpointEvery(0).equals(c.withCheckpointEvery(0))) {
      throw new IllegalArgumentException("resume state belongs to another run: saved " + saved + ", asked " + c);
    }
    ShuffleBuffer buffer = new ShuffleBuffer(c.dIn(), c.bufferCapacity(), 0);
    buffer.restore(r.buffer());
    source.seek(r.sourcePosition());
    return new TrainingState(SaeParameters.fromHost(root, r.parameters()),
        new Adam(arrays(root, r.adamFirst()), arrays(root, r.adamSecond())), new FeatureFiring(r.stepsSinceFired()),
        buffer, new SeededRandom(r.resampleRandomState()), r.inputScale(), r.step());
  }

  private static Map<String, NDArray> arrays(NDManager root, Map<String, HostTensor> t) {
    return new LinkedHashMap<>(SaeParameters.fromHost(root, t).arrays());
  }

  ResumeState resumeState(SaeTrainingConfig c, long sourcePosition) {
    return new ResumeState(c.toJson(), step, inputScale, sourcePosition, resampleRandom.state(), params.toHost(),
        host(adam.first), host(adam.second), firing.snapshot(), buffer.state());
  }

  Sae export(SaeTrainingConfig c) {
    return new Sae(c.architecture(), c.dIn(), c.width(), inputScale, step, params.toHost(), c.toJson());
  }

  private static Map<String, HostTensor> host(Map<String, NDArray> arrays) {
    Map<String, HostTensor> out = new LinkedHashMap<>();
    arrays.forEach((k, v) -> out.put(k, TensorCodec.fromNDArray(v)));
    return out;
  }

}

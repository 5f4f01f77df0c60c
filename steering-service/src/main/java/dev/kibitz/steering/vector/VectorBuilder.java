package dev.kibitz.steering.vector;

import dev.kibitz.core.KibitzException;
import dev.kibitz.proto.v1.BuildVectorRequest;
import dev.kibitz.proto.v1.GameState;
import dev.kibitz.proto.v1.MeanDifference;
import dev.kibitz.proto.v1.RandomDirection;
import dev.kibitz.proto.v1.SteeringVector;
import dev.kibitz.proto.v1.VectorProvenance;
import dev.kibitz.proto.v1.VectorSource;
import dev.kibitz.steering.model.ModelAccess;

/**
 * Builds steering vectors from their sources through the model server. Every vector leaves with
 * the request that makes it again (model, resolved checkpoint, hook, source with its seeds).
 */
public final class VectorBuilder {
  private final ModelAccess models;
  private final ArtifactDirections artifacts;

  public VectorBuilder(ModelAccess models, Artifacts artifacts) {
    this.models = models;
    this.artifacts = new ArtifactDirections(artifacts);
  }

  public SteeringVector build(BuildVectorRequest request) {
    long[] shape = models.hookShape(request.getModel(), request.getHook());
    VectorProvenance.Builder provenance = VectorProvenance.newBuilder().setModel(request.getModel())
        .setHook(request.getHook()).setSource(request.getSource())
        .setCheckpoint(models.checkpoint(request.getModel(), request.getCheckpoint()));
    Direction d = build(request, request.getSource(), shape, provenance, "source");
    return SteeringVector.newBuilder().setValues(d.toProto()).setNorm(d.norm()).setProvenance(provenance).build();
  }

  /** The cheese vector of a maze state: the state minus the same state with no cheese. */
  public static MeanDifference cheeseVectorSource(GameState withCheese) {
    GameState without = withCheese.toBuilder().setMaze(withCheese.getMaze().toBuilder().setNoCheese(true)).build();
    return MeanDifference.newBuilder().addPositive(withCheese).addNegative(without).build();
  }

  private Direction build(BuildVectorRequest r, VectorSource source, long[] shape,
      VectorProvenance.Builder provenance, String what) {
    return switch (source.getKindCase()) {
      case MEAN_DIFFERENCE -> meanDifference(r, source.getMeanDifference(), shape, provenance, what);
      case RANDOM -> random(r, source.getRandom(), shape, provenance, what);
      case PROBE -> artifacts.probe(source.getProbe(), r.getHook(), shape, what + ".probe");
      case SAE_FEATURE -> artifacts.saeFeature(source.getSaeFeature(), r.getHook(), shape, what + ".sae_feature");
      case KIND_NOT_SET -> throw KibitzException.invalid(what + ": set one of mean_difference, probe, sae_feature, "
          + "random");
    };
  }

  private Direction meanDifference(BuildVectorRequest r, MeanDifference m, long[] shape,
      VectorProvenance.Builder provenance, String what) {
    if (m.getPositiveCount() == 0 || m.getNegativeCount() == 0) {
      throw KibitzException.invalid(what + ".mean_difference: positive and negative need at least one state each "
          + "(got " + m.getPositiveCount() + " and " + m.getNegativeCount() + ")");
    }
    ModelAccess.Captured pos = models.capture(r.getModel(), r.getCheckpoint(), r.getHook(), m.getPositiveList());
    ModelAccess.Captured neg = models.capture(r.getModel(), r.getCheckpoint(), r.getHook(), m.getNegativeList());
    if (provenance.getPositiveCount() == 0) {
      provenance.setCheckpoint(pos.checkpoint()).setPositiveCount(m.getPositiveCount())
          .setNegativeCount(m.getNegativeCount());
    }
    return Direction.meanDifference(pos.rows(), neg.rows(), shape);
  }

  private Direction random(BuildVectorRequest r, RandomDirection d, long[] shape,
      VectorProvenance.Builder provenance, String what) {
    double norm = switch (d.getNormCase()) {
      case NORM_VALUE -> d.getNormValue();
      case MATCH_NORM_OF -> build(r, d.getMatchNormOf(), shape, provenance, what + ".random.match_norm_of").norm();
      case NORM_NOT_SET -> throw KibitzException.invalid(what + ".random: set norm_value or match_norm_of");
    };
    if (!(norm >= 0) || Double.isInfinite(norm)) {
      throw KibitzException.invalid(what + ".random: norm must be finite and >= 0, got " + norm);
    }
    return Direction.gaussian(d.getSeed(), shape, norm);
  }

  /** Checks a given vector against the hook it is applied at. */
  public static Direction read(SteeringVector v, long[] hookShape, String hook, String what) {
    dev.kibitz.core.tensor.HostTensor t = dev.kibitz.core.tensor.TensorCodec.fromProto(v.getValues(), what);
    if (t.dtype() != dev.kibitz.core.tensor.DType.FLOAT32 || !java.util.Arrays.equals(t.shape(), hookShape)) {
      throw KibitzException.invalid(what + ": a " + t.dtype() + " vector of shape "
          + java.util.Arrays.toString(t.shape()) + " does not match hook '" + hook + "' (FLOAT32 "
          + java.util.Arrays.toString(hookShape) + ")");
    }
    return new Direction(t.toFloats(), hookShape);
  }
}

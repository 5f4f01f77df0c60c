package dev.kibitz.steering.model;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Logits;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.modelserver.client.Forwarder;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.GameState;
import dev.kibitz.proto.v1.Intervention;
import dev.kibitz.proto.v1.NamedTensor;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.TensorSpec;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;

/**
 * The steering service's view of the model server: hook shapes, activations captured at a hook,
 * and action probabilities under interventions. Each call is one short Forward session; game
 * states go in batches small enough for the server's request limit.
 */
public final class ModelAccess {
  /** States per Forward batch: a 25x25 grid state is under 1 KiB, so this stays far below 4 MiB. */
  static final int BATCH = 512;
  private static final long SESSION_SECONDS = 300;

  private final Forwarder forwarder;

  public ModelAccess(ModelServerClient client) {
    this(Forwarder.remote(client, SESSION_SECONDS));
  }

  /** Over any forwarder: the model server in this JVM too (see {@link Forwarder#local}). */
  public ModelAccess(Forwarder forwarder) {
    this.forwarder = forwarder;
  }

  /** Per-example shape of {@code hook}; NOT_FOUND for an unknown model, INVALID_ARGUMENT for a hook. */
  public long[] hookShape(String model, String hook) {
    if (model.isEmpty()) {
      throw KibitzException.invalid("model is empty");
    }
    if (hook.isEmpty()) {
      throw KibitzException.invalid("hook is empty");
    }
    ModelDescription d = fromServer(() -> forwarder.describe(model));
    List<String> names = new ArrayList<>();
    for (TensorSpec s : d.getHookPointsList()) {
      if (s.getName().equals(hook)) {
        return s.getShapeList().stream().mapToLong(Long::longValue).toArray();
      }
      names.add(s.getName());
    }
    throw KibitzException.invalid("model '" + model + "' has no hook point '" + hook + "' (it has "
        + names.size() + ", e.g. " + String.join(", ", names.subList(0, Math.min(6, names.size()))) + ")");
  }

  /** The checkpoint a request names (empty: the default); NOT_FOUND for unknown ones. */
  public String checkpoint(String model, String checkpoint) {
    if (model.isEmpty()) {
      throw KibitzException.invalid("model is empty");
    }
    dev.kibitz.proto.v1.ModelSummary m = fromServer(() -> forwarder.describe(model)).getSummary();
    if (checkpoint.isEmpty()) {
      return m.getDefaultCheckpoint();
    }
    if (m.getCheckpointsList().stream().noneMatch(c -> c.getName().equals(checkpoint))) {
      throw KibitzException.notFound("model '" + model + "' has no checkpoint '" + checkpoint + "'");
    }
    return checkpoint;
  }

  /** Activations at {@code hook}, one flat row per state, and the checkpoint that ran. */
  public Captured capture(String model, String checkpoint, String hook, List<GameState> states) {
    ForwardOpen open = ForwardOpen.newBuilder().setModel(model).setCheckpoint(checkpoint).addCapture(hook).build();
    List<float[]> rows = new ArrayList<>();
    String ran = run(open, states, null, r -> {
      HostTensor t = r.captures().get(hook);
      float[] all = t.toFloats();
      int per = all.length / (int) r.batchSize();
      for (int i = 0; i < r.batchSize(); i++) {
        rows.add(java.util.Arrays.copyOfRange(all, i * per, (i + 1) * per));
      }
    });
    return new Captured(rows, ran);
  }

  /** Softmaxed "logits" per state with {@code interventions} applied in the session. */
  public float[][] actionProbabilities(String model, String checkpoint, List<Intervention> interventions,
      List<GameState> states) {
    return actionProbabilities(model, checkpoint, interventions, states, null);
  }

  /**
   * Per-state values for a Patch intervention whose source is {@code batch_input = name}: one flat
   * row of {@code shape} per state, sent with the batch that state goes in.
   */
  public record BatchInput(String name, long[] shape, List<float[]> rows) {}

  /** As above, with values that differ per state ({@code input} may be null). */
  public float[][] actionProbabilities(String model, String checkpoint, List<Intervention> interventions,
      List<GameState> states, BatchInput input) {
    ForwardOpen open = ForwardOpen.newBuilder().setModel(model).setCheckpoint(checkpoint)
        .addAllInterventions(interventions).build();
    List<float[]> rows = new ArrayList<>();
    run(open, states, input, r -> {
      float[] logits = r.outputs().get("logits").toFloats();
      int actions = logits.length / (int) r.batchSize();
      for (int i = 0; i < r.batchSize(); i++) {
        rows.add(Logits.softmax(logits, i * actions, actions));
      }
    });
    return rows.toArray(float[][]::new);
  }

  /** Rows of one capture, with the checkpoint the server resolved. */
  public record Captured(List<float[]> rows, String checkpoint) {}

  private String run(ForwardOpen open, List<GameState> states, BatchInput input,
      java.util.function.Consumer<dev.kibitz.modelserver.forward.BatchResult> each) {
    return fromServer(() -> {
      try (Forwarder.Session s = forwarder.open(open)) {
        for (int from = 0; from < states.size(); from += BATCH) {
          int to = Math.min(states.size(), from + BATCH);
          ForwardBatch.Builder batch = ForwardBatch.newBuilder().addAllStates(states.subList(from, to));
          if (input != null) {
            batch.addInterventionInputs(batchInput(input, from, to));
          }
          each.accept(s.forward(batch.build()));
        }
        return s.checkpoint();
      }
    });
  }

  private static NamedTensor batchInput(BatchInput input, int from, int to) {
    int per = input.rows().get(0).length;
    float[] values = new float[(to - from) * per];
    for (int i = from; i < to; i++) {
      System.arraycopy(input.rows().get(i), 0, values, (i - from) * per, per);
    }
    long[] shape = new long[input.shape().length + 1];
    shape[0] = to - from;
    System.arraycopy(input.shape(), 0, shape, 1, input.shape().length);
    return NamedTensor.newBuilder().setName(input.name())
        .setTensor(TensorCodec.toProto(HostTensor.ofFloats(shape, values))).build();
  }

  /** The model server's refusals keep their code; the message says where they came from. */
  private static <T> T fromServer(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      throw e.getStatus().withDescription("model server: " + e.getStatus().getDescription()).asRuntimeException();
    }
  }
}

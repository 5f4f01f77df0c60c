package dev.kibitz.modelserver.client;

import dev.kibitz.core.wire.InterventionProtos;
import dev.kibitz.core.wire.SpecProtos;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.forward.ForwardBatches;
import dev.kibitz.modelserver.forward.ForwardService;
import dev.kibitz.modelserver.forward.ForwardSession;
import dev.kibitz.modelserver.forward.SessionSpec;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.ModelSummary;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Forward passes by whoever serves them: a model server over gRPC ({@link #remote}), or the model
 * server's own session code in this JVM ({@link #local}), with the same messages in and the same
 * {@link BatchResult} out. Clients written against it (the steering service's model access, SAE
 * fidelity, the orchestrator's steps) run unchanged in a mesh and in one process, which is how the
 * benchmark prices the mesh.
 */
public interface Forwarder {
  /** Names of the served models, sorted. */
  List<String> models();

  ModelDescription describe(String model);

  /** Opens a session; {@code open.store} is for remote sessions only. */
  Session open(ForwardOpen open);

  /** One open session: batches run in order. */
  interface Session extends AutoCloseable {
    BatchResult forward(ForwardBatch batch);

    /** The checkpoint that runs (the default resolved). */
    String checkpoint();

    @Override
    void close();
  }

  /** A model server over gRPC; each session may run for {@code sessionSeconds}. */
  static Forwarder remote(ModelServerClient client, long sessionSeconds) {
    return new Forwarder() {
      @Override
      public List<String> models() {
        return client.listModels().getModelsList().stream().map(ModelSummary::getName).sorted().toList();
      }

      @Override
      public ModelDescription describe(String model) {
        return client.describe(model);
      }

      @Override
      public Session open(ForwardOpen open) {
        ForwardStream s = client.openForward(open, sessionSeconds, TimeUnit.SECONDS);
        return new Session() {
          @Override
          public BatchResult forward(ForwardBatch batch) {
            s.send(ForwardRequest.newBuilder().setBatch(batch).build());
            return s.receive();
          }

          @Override
          public String checkpoint() {
            return s.opened().getCheckpoint();
          }

          @Override
          public void close() {
            s.close();
          }
        };
      }
    };
  }

  /** The model server's forward service in this JVM: no sockets, no serialization of tensors. */
  static Forwarder local(ForwardService service) {
    return new Forwarder() {
      @Override
      public List<String> models() {
        return service.listModels().stream().map(e -> e.name()).sorted().toList();
      }

      @Override
      public ModelDescription describe(String model) {
        ForwardService.Described d = service.describe(model);
        return SpecProtos.describe(d.entry(), d.model());
      }

      @Override
      public Session open(ForwardOpen open) {
        if (open.hasStore()) {
          throw new IllegalArgumentException("an in-process session cannot write to a store; capture and keep the rows");
        }
        ForwardSession s = service.open(new SessionSpec(open.getModel(), open.getCheckpoint(), open.getCaptureList(),
            InterventionProtos.fromProtos(open.getInterventionsList())));
        return new Session() {
          @Override
          public BatchResult forward(ForwardBatch batch) {
            if (batch.getLabelsCount() > 0 || !batch.getBatchId().isEmpty()) { // as the gRPC server refuses them
              throw new IllegalArgumentException("batch: labels and batch_id are for sessions opened with store");
            }
            return s.run(ForwardBatches.inputs(s.model(), batch),
                ForwardBatches.named(batch.getInterventionInputsList(), "intervention input"), () -> false);
          }

          @Override
          public String checkpoint() {
            return s.model().checkpoint();
          }

          @Override
          public void close() {
            service.release(s);
          }
        };
      }
    };
  }
}

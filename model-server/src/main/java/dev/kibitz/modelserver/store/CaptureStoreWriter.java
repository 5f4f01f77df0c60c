package dev.kibitz.modelserver.store;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Shapes;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.proto.v1.BatchInfo;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.proto.v1.StoreCaptures;
import dev.kibitz.store.client.ActivationStoreClient;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a session's captures into activation-store datasets, one store batch per forward batch and
 * hook. Datasets are checked when the session opens (hook, dtype, row shape), so a mismatch fails the
 * open, not the hundredth batch. A batch's reply waits until its store writes are durable. The hooks'
 * writes of one batch go out at once (each dataset still gets its batches in order): each durable
 * write waits on an fsync, a catalog commit and a Kafka acknowledgement, and three hooks written one
 * after another tripled that wait.
 */
public final class CaptureStoreWriter implements AutoCloseable {
  private final ActivationStoreClient client;
  private final Map<String, Dataset> datasetsByHook;
  private final boolean alsoStream;
  private final java.util.concurrent.ExecutorService writers;

  private CaptureStoreWriter(ActivationStoreClient client, Map<String, Dataset> datasetsByHook, boolean alsoStream) {
    this.client = client;
    this.datasetsByHook = datasetsByHook;
    this.alsoStream = alsoStream;
    this.writers = java.util.concurrent.Executors.newFixedThreadPool(datasetsByHook.size(), r -> {
      Thread t = new Thread(r, "capture-store-writer");
      t.setDaemon(true);
      return t;
    });
  }

  /** Connects to the store and checks each mapped dataset against the session's capture specs. */
  public static CaptureStoreWriter open(StoreCaptures request, String model, String checkpoint,
      List<TensorSpec> captures) {
    if (request.getDatasetsCount() == 0) {
      throw KibitzException.invalid("open.store: map at least one captured hook to a dataset");
    }
    String[] hostPort = request.getTarget().split(":");
    if (hostPort.length != 2 || hostPort[0].isEmpty() || !hostPort[1].matches("\\d{1,5}")) {
      throw KibitzException.invalid("open.store.target '" + request.getTarget() + "' must be host:port");
    }
    ActivationStoreClient client = new ActivationStoreClient(hostPort[0], Integer.parseInt(hostPort[1]), 60);
    try {
      Map<String, Dataset> byHook = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : request.getDatasetsMap().entrySet()) {
        TensorSpec spec = captures.stream().filter(c -> c.name().equals(e.getKey())).findFirst().orElseThrow(
            () -> KibitzException.invalid("open.store: hook '" + e.getKey() + "' must also be in capture"));
        Dataset d = client.dataset(e.getValue()).getDataset();
        check(d, spec, model, checkpoint);
        byHook.put(e.getKey(), d);
      }
      return new CaptureStoreWriter(client, byHook, request.getAlsoStream());
    } catch (RuntimeException e) {
      closeQuietly(client);
      throw e;
    }
  }

  private static void check(Dataset d, TensorSpec capture, String model, String checkpoint) {
    String what = "open.store: dataset '" + d.getName() + "' ";
    if (!d.getKey().getHook().equals(capture.name())) {
      throw KibitzException.invalid(what + "holds hook '" + d.getKey().getHook() + "', not '" + capture.name() + "'");
    }
    if (!d.getKey().getModel().equals(model) || !d.getKey().getCheckpoint().equals(checkpoint)) {
      throw KibitzException.invalid(what + "is of " + d.getKey().getModel() + "@" + d.getKey().getCheckpoint()
          + ", the session runs " + model + "@" + checkpoint);
    }
    if (DType.fromProtoOrNull(d.getDtype()) != capture.dtype()) {
      throw KibitzException.invalid(what + "stores " + d.getDtype() + ", the capture is " + capture.dtype());
    }
    long[] rowShape = d.getRowShapeList().stream().mapToLong(Long::longValue).toArray();
    if (!Arrays.equals(rowShape, capture.shape())) {
      throw KibitzException.invalid(what + "has row shape " + Shapes.format(rowShape) + ", the capture is "
          + Shapes.format(capture.shape()));
    }
  }

  /** Whether a capture at this hook should still be streamed back to the client. */
  public boolean streams(String hook) {
    return alsoStream || !datasetsByHook.containsKey(hook);
  }

  /** Writes one forward batch's captures with the given labels; returns the durable store batches. */
  public List<BatchInfo> write(String batchId, Map<String, HostTensor> captures, Map<String, HostTensor> labels) {
    List<java.util.concurrent.Future<BatchInfo>> writes = new ArrayList<>();
    for (Map.Entry<String, Dataset> e : datasetsByHook.entrySet()) {
      Dataset d = e.getValue();
      List<HostTensor> ordered = new ArrayList<>();
      for (dev.kibitz.proto.v1.TensorSpec l : d.getLabelsList()) {
        HostTensor t = labels.get(l.getName());
        if (t == null) {
          throw KibitzException.invalid("batch: dataset '" + d.getName() + "' needs label '" + l.getName()
              + "' in ForwardBatch.labels");
        }
        ordered.add(t);
      }
      HostTensor capture = captures.get(e.getKey());
      writes.add(writers.submit(() -> {
        try {
          return client.writeBatch(d.getId(), batchId, capture, ordered);
        } catch (StatusRuntimeException s) {
          throw new KibitzException(reason(s), "activation store refused batch '" + batchId + "' for dataset '"
              + d.getName() + "': " + s.getStatus().getDescription());
        }
      }));
    }
    List<BatchInfo> stored = new ArrayList<>();
    RuntimeException first = null;
    for (java.util.concurrent.Future<BatchInfo> w : writes) {
      try {
        stored.add(w.get()); // every write is waited for, so none is still running when the reply goes
      } catch (java.util.concurrent.ExecutionException x) {
        first = first != null ? first : x.getCause() instanceof RuntimeException r ? r
            : new IllegalStateException(x.getCause());
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        first = first != null ? first : new KibitzException(KibitzException.Reason.UNAVAILABLE,
            "interrupted while writing batch '" + batchId + "' to the store");
      }
    }
    if (first != null) {
      throw first;
    }
    return stored;
  }

  private static KibitzException.Reason reason(StatusRuntimeException s) {
    return switch (s.getStatus().getCode()) {
      case INVALID_ARGUMENT -> KibitzException.Reason.INVALID_ARGUMENT;
      case NOT_FOUND -> KibitzException.Reason.NOT_FOUND;
      case FAILED_PRECONDITION -> KibitzException.Reason.FAILED_PRECONDITION;
      case ALREADY_EXISTS -> KibitzException.Reason.ALREADY_EXISTS;
      case DATA_LOSS -> KibitzException.Reason.DATA_LOSS;
      default -> KibitzException.Reason.UNAVAILABLE;
    };
  }

  @Override
  public void close() {
    writers.shutdownNow();
    closeQuietly(client);
  }

  private static void closeQuietly(ActivationStoreClient client) {
    try {
      client.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.kibitz.modelserver.grpc;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.core.wire.GrpcStatuses;
import dev.kibitz.core.wire.InterventionProtos;
import dev.kibitz.core.wire.SpecProtos;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.forward.ForwardBatches;
import dev.kibitz.modelserver.forward.ForwardService;
import dev.kibitz.modelserver.forward.ForwardSession;
import dev.kibitz.modelserver.forward.RetainedBatch;
import dev.kibitz.modelserver.forward.SessionSpec;
import dev.kibitz.modelserver.store.CaptureStoreWriter;
import dev.kibitz.proto.v1.BatchInfo;
import dev.kibitz.proto.v1.BatchEnd;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.ForwardResponse;
import dev.kibitz.proto.v1.SessionOpened;
import dev.kibitz.proto.v1.TensorPart;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One Forward stream. Flow control: inbound auto-request is off; the call asks for the next
 * request only when the previous one is computed and every response message has been handed to
 * a ready transport. So at most one batch per session is in memory, and a client that stops
 * reading stops the session instead of growing a server-side buffer.
 */
final class ForwardCall implements StreamObserver<ForwardRequest> {
  static final int MAX_CHUNK_BYTES = 4 << 20;
  static final int MIN_CHUNK_BYTES = 1 << 10;
  static final int ON_READY_THRESHOLD_BYTES = 8 << 20;

  private final ForwardService service;
  private final Executor worker;
  private final ServerCallStreamObserver<ForwardResponse> out;
  private final int defaultChunkBytes;
  private final int maxRequestBytes;
  private final Runnable onFinished;

  private final Object lock = new Object();
  private final ArrayDeque<ForwardResponse> pending = new ArrayDeque<>();
  private ForwardSession session;
  /** Set when the session writes captures into the activation store. */
  private CaptureStoreWriter storeWriter;
  /** The batch whose parts are being sent; its engine memory backs them until all are handed over. */
  private RetainedBatch sending;
  private int chunkBytes;
  private boolean inFlight;
  private boolean computed;
  private boolean clientDone;
  private boolean shuttingDown;
  private boolean finished;
  private volatile boolean cancelled;

  ForwardCall(ForwardService service, Executor worker, ServerCallStreamObserver<ForwardResponse> out,
      int defaultChunkBytes, int maxRequestBytes, Runnable onFinished) {
    this.service = service;
    this.worker = worker;
    this.out = out;
    this.defaultChunkBytes = defaultChunkBytes;
    this.maxRequestBytes = maxRequestBytes;
    this.onFinished = onFinished;
  }

  void start() {
    out.disableAutoRequest();
    // Let a few parts queue in the transport so serializing the next overlaps writing this one;
    // the default (32 KiB) makes every 1 MiB part wait for the socket to drain.
    out.setOnReadyThreshold(ON_READY_THRESHOLD_BYTES);
    out.setOnReadyHandler(this::drain);
    out.setOnCancelHandler(() -> {
      cancelled = true;
      synchronized (lock) {
        release();
      }
    });
    out.request(1);
  }

  @Override
  public void onNext(ForwardRequest request) {
    synchronized (lock) {
      if (finished) {
        return;
      }
      inFlight = true;
    }
    worker.execute(() -> handle(request));
  }

  private void handle(ForwardRequest request) {
    List<ForwardResponse> replies = new ArrayList<>();
    try {
      switch (request.getMessageCase()) {
        case OPEN -> replies.add(open(request.getOpen()));
        case BATCH -> batch(request.getBatch(), replies);
        default -> throw KibitzException.invalid("a ForwardRequest must carry open or batch");
      }
    } catch (Throwable t) {
      fail(GrpcStatuses.of(t));
      return;
    }
    synchronized (lock) {
      pending.addAll(replies);
      computed = true;
    }
    drain();
  }

  private ForwardResponse open(ForwardOpen open) {
    if (session != null) {
      throw KibitzException.precondition("the session is already open; send ForwardBatch messages, or open a new "
          + "Forward stream for another model");
    }
    int chunk = open.getMaxChunkBytes() == 0 ? defaultChunkBytes : open.getMaxChunkBytes();
    if (chunk < MIN_CHUNK_BYTES || chunk > MAX_CHUNK_BYTES) {
      throw KibitzException.invalid("open: max_chunk_bytes " + open.getMaxChunkBytes() + " is outside ["
          + MIN_CHUNK_BYTES + ", " + MAX_CHUNK_BYTES + "]");
    }
    ForwardSession s = service.open(new SessionSpec(open.getModel(), open.getCheckpoint(), open.getCaptureList(),
        InterventionProtos.fromProtos(open.getInterventionsList())));
    synchronized (lock) {
      if (finished) {
        service.release(s);
        throw KibitzException.precondition("call ended while opening");
      }
      session = s;
      chunkBytes = chunk;
    }
    if (open.hasStore()) {
      CaptureStoreWriter writer = CaptureStoreWriter.open(open.getStore(), s.model().name(), s.model().checkpoint(),
          s.captureSpecs());
      synchronized (lock) {
        if (finished) {
          writer.close();
          throw KibitzException.precondition("call ended while opening");
        }
        storeWriter = writer;
      }
    }
    SessionOpened.Builder b = SessionOpened.newBuilder().setSessionId(s.id()).setModel(s.model().name())
        .setCheckpoint(s.model().checkpoint()).setMaxChunkBytes(chunk).setMaxRequestBytes(maxRequestBytes);
    s.model().outputs().forEach(o -> b.addOutputs(SpecProtos.toProto(o)));
    for (TensorSpec c : s.captureSpecs()) {
      b.addCaptures(SpecProtos.toProto(c));
    }
    return ForwardResponse.newBuilder().setOpened(b).build();
  }

  private void batch(ForwardBatch batch, List<ForwardResponse> replies) {
    if (session == null) {
      throw KibitzException.precondition("the first message of a Forward stream must be open; got a batch");
    }
    RetainedBatch retained = session.runRetained(ForwardBatches.inputs(session.model(), batch),
        ForwardBatches.named(batch.getInterventionInputsList(), "intervention input"), () -> cancelled);
    synchronized (lock) {
      if (finished) {
        retained.close();
        return;
      }
      sending = retained;
    }
    BatchResult r = retained.views();
    List<BatchInfo> stored = store(batch, r);
    for (Map.Entry<String, HostTensor> e : r.outputs().entrySet()) {
      TensorParts.append(replies, r.batchIndex(), TensorPart.Role.ROLE_OUTPUT, e.getKey(), e.getValue(), chunkBytes);
    }
    for (Map.Entry<String, HostTensor> e : r.captures().entrySet()) {
      if (storeWriter == null || storeWriter.streams(e.getKey())) {
        TensorParts.append(replies, r.batchIndex(), TensorPart.Role.ROLE_CAPTURE, e.getKey(), e.getValue(),
            chunkBytes);
      }
    }
    replies.add(ForwardResponse.newBuilder().setBatchEnd(BatchEnd.newBuilder().setBatchIndex(r.batchIndex())
        .setBatchSize((int) r.batchSize()).setForwardNanos(r.forwardNanos()).addAllStored(stored)).build());
  }

  /** Writes the batch's captures into the store (durably) before anything of the batch is answered. */
  private List<BatchInfo> store(ForwardBatch batch, BatchResult r) {
    if (storeWriter == null) {
      if (batch.getLabelsCount() > 0 || !batch.getBatchId().isEmpty()) {
        throw KibitzException.invalid("batch: labels and batch_id are for sessions opened with store");
      }
      return List.of();
    }
    String id = batch.getBatchId().isEmpty() ? session.id() + "/" + r.batchIndex() : batch.getBatchId();
    return storeWriter.write(id, r.captures(), ForwardBatches.named(batch.getLabelsList(), "label"));
  }

  /** Sends while the transport is ready; when a request is fully answered, moves to the next. */
  private void drain() {
    synchronized (lock) {
      if (finished) {
        return;
      }
      while (!pending.isEmpty() && out.isReady()) {
        out.onNext(pending.poll());
      }
      if (!inFlight || !computed || !pending.isEmpty()) {
        return;
      }
      inFlight = false;
      computed = false;
      closeSending();
      if (shuttingDown) {
        finish(Status.UNAVAILABLE.withDescription("the model server is shutting down; batches sent so far were "
            + "answered, reconnect to continue"));
      } else if (clientDone) {
        finish(null);
      } else {
        out.request(1);
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    cancelled = true;
    synchronized (lock) {
      release();
    }
  }

  @Override
  public void onCompleted() {
    synchronized (lock) {
      clientDone = true;
      if (!inFlight) {
        finish(null);
      }
    }
  }

  /** Graceful shutdown: finish the request in flight, then end the stream with UNAVAILABLE. */
  void shutdown() {
    synchronized (lock) {
      shuttingDown = true;
      if (!inFlight) {
        finish(Status.UNAVAILABLE.withDescription("the model server is shutting down"));
      }
    }
  }

  private void fail(Status status) {
    synchronized (lock) {
      finish(status);
    }
  }

  /** Ends the call once: completes it (status null) or closes it with an error. Holds the lock. */
  private void finish(Status status) {
    if (finished) {
      return;
    }
    pending.clear();
    if (!cancelled) {
      if (status == null) {
        out.onCompleted();
      } else {
        out.onError(status.asRuntimeException());
      }
    }
    release();
  }

  /** Parts are serialized into transport buffers inside onNext, so the views can go now. */
  private void closeSending() {
    if (sending != null) {
      sending.close();
      sending = null;
    }
  }

  private void release() {
    if (!finished) {
      finished = true;
      pending.clear();
      closeSending();
      if (session != null) {
        service.release(session);
      }
      if (storeWriter != null) {
        storeWriter.close();
      }
      onFinished.run();
    }
  }
}

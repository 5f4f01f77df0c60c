package dev.kibitz.modelserver.client;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.proto.v1.BatchEnd;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.ForwardResponse;
import dev.kibitz.proto.v1.ModelServiceGrpc;
import dev.kibitz.proto.v1.NamedTensor;
import dev.kibitz.proto.v1.SessionOpened;
import dev.kibitz.proto.v1.TensorPart;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The client side of one Forward session; tensors are reassembled into heap buffers. Flow control both ways: {@link #send} waits until the
 * transport is ready, and the client asks the server for one response message at a time as
 * {@link #receive} consumes them, so neither side buffers without bound. One thread may send
 * while another receives (that is how to pipeline: the server answers a batch before it reads the
 * next, so a single thread that sends many batches before receiving can stall on a full window).
 */
public final class ForwardStream implements AutoCloseable {
  private java.util.List<dev.kibitz.proto.v1.BatchInfo> lastStored = java.util.List.of();
  private static final Object END = new Object();

  private final LinkedBlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
  private final Object readiness = new Object();
  private ClientCallStreamObserver<ForwardRequest> requests;
  private final SessionOpened opened;
  private boolean ended;

  ForwardStream(ModelServiceGrpc.ModelServiceStub stub, ForwardOpen open) {
    stub.forward(new ClientResponseObserver<ForwardRequest, ForwardResponse>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<ForwardRequest> stream) {
        requests = stream;
        stream.disableAutoRequestWithInitial(1);
        stream.setOnReadyHandler(() -> {
          synchronized (readiness) {
            readiness.notifyAll();
          }
        });
      }

      @Override
      public void onNext(ForwardResponse value) {
        inbound.add(value);
      }

      @Override
      public void onError(Throwable t) {
        inbound.add(t);
      }

      @Override
      public void onCompleted() {
        inbound.add(END);
      }
    });
    send(ForwardRequest.newBuilder().setOpen(open).build());
    ForwardResponse first = next();
    if (!first.hasOpened()) {
      throw protocolError("expected SessionOpened, got " + first.getMessageCase());
    }
    opened = first.getOpened();
  }

  /** The store batches the last received batch became (sessions opened with store; else empty). */
  public java.util.List<dev.kibitz.proto.v1.BatchInfo> lastStored() {
    return lastStored;
  }

  public SessionOpened opened() {
    return opened;
  }

  /** Sends one batch of named inputs (with a leading batch axis). */
  public void send(Map<String, HostTensor> inputs) {
    send(inputs, Map.of());
  }

  public void send(Map<String, HostTensor> inputs, Map<String, HostTensor> interventionInputs) {
    ForwardBatch.Builder b = ForwardBatch.newBuilder();
    inputs.forEach((k, v) -> b.addInputs(NamedTensor.newBuilder().setName(k).setTensor(TensorCodec.toProto(v))));
    interventionInputs.forEach((k, v) ->
        b.addInterventionInputs(NamedTensor.newBuilder().setName(k).setTensor(TensorCodec.toProto(v))));
    send(ForwardRequest.newBuilder().setBatch(b).build());
  }

  /**
   * Sends a raw request message; waits while the transport is not ready.
   *
   * @throws StatusRuntimeException RESOURCE_EXHAUSTED, before sending, for a batch larger than the
   *     server accepts (the session stays usable)
   */
  public void send(ForwardRequest request) {
    if (opened != null && opened.getMaxRequestBytes() > 0 && request.getSerializedSize() > opened.getMaxRequestBytes()) {
      throw Status.RESOURCE_EXHAUSTED.withDescription("batch request of " + request.getSerializedSize()
          + " bytes exceeds the server's limit of " + opened.getMaxRequestBytes()
          + " bytes (kibitz.model-server.max-inbound-message-bytes); send smaller batches").asRuntimeException();
    }
    synchronized (readiness) {
      while (!requests.isReady() && !ended) {
        try {
          readiness.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw Status.CANCELLED.withDescription("interrupted while sending").asRuntimeException();
        }
      }
    }
    requests.onNext(request);
  }

  /** Sends one batch and waits for its answer. */
  public BatchResult forward(Map<String, HostTensor> inputs) {
    send(inputs);
    return receive();
  }

  /**
   * Waits for the next batch's answer.
   *
   * @throws StatusRuntimeException with the server's status if the stream failed
   */
  public BatchResult receive() {
    Map<String, ByteBuffer> buffers = new LinkedHashMap<>();
    Map<String, TensorPart> headers = new LinkedHashMap<>();
    while (true) {
      ForwardResponse r = next();
      if (r.hasBatchEnd()) {
        lastStored = r.getBatchEnd().getStoredList();
        return assemble(r.getBatchEnd(), buffers, headers);
      }
      if (!r.hasPart()) {
        throw protocolError("expected a TensorPart or BatchEnd, got " + r.getMessageCase());
      }
      TensorPart p = r.getPart();
      String key = p.getRole().name() + "/" + p.getName();
      ByteBuffer buf = buffers.get(key);
      if (buf == null) {
        buf = ByteBuffer.allocate(Math.toIntExact(p.getTotalBytes())).order(ByteOrder.LITTLE_ENDIAN);
        buffers.put(key, buf);
        headers.put(key, p.toBuilder().clearData().build());
      }
      if (p.getOffset() != buf.position()) {
        throw protocolError("part of '" + p.getName() + "' at offset " + p.getOffset() + ", expected "
            + buf.position());
      }
      p.getData().copyTo(buf);
    }
  }

  private static BatchResult assemble(BatchEnd end, Map<String, ByteBuffer> buffers, Map<String, TensorPart> headers) {
    Map<String, HostTensor> outputs = new LinkedHashMap<>();
    Map<String, HostTensor> captures = new LinkedHashMap<>();
    for (Map.Entry<String, TensorPart> e : headers.entrySet()) {
      TensorPart h = e.getValue();
      ByteBuffer buf = buffers.get(e.getKey());
      buf.flip();
      HostTensor t = new HostTensor(DType.fromProtoOrNull(h.getDtype()),
          h.getShapeList().stream().mapToLong(Long::longValue).toArray(), buf);
      (h.getRole() == TensorPart.Role.ROLE_OUTPUT ? outputs : captures).put(h.getName(), t);
    }
    return new BatchResult(end.getBatchIndex(), end.getBatchSize(), outputs, captures, end.getForwardNanos());
  }

  private ForwardResponse next() {
    Object o;
    try {
      o = inbound.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      requests.cancel("interrupted", e);
      throw Status.CANCELLED.withDescription("interrupted while receiving").asRuntimeException();
    }
    if (o instanceof Throwable t) {
      ended = true;
      throw t instanceof StatusRuntimeException s ? s : Status.fromThrowable(t).asRuntimeException();
    }
    if (o == END) {
      ended = true;
      throw Status.FAILED_PRECONDITION.withDescription("the server ended the stream").asRuntimeException();
    }
    requests.request(1);
    return (ForwardResponse) o;
  }

  private StatusRuntimeException protocolError(String message) {
    requests.cancel(message, null);
    return Status.INTERNAL.withDescription("Forward protocol: " + message).asRuntimeException();
  }

  /** Half-closes and waits for the server to end the stream; cancels if it ends with an error. */
  @Override
  public void close() {
    if (ended) {
      return;
    }
    ended = true;
    requests.onCompleted();
    try {
      Object o;
      do {
        o = inbound.take();
        if (o instanceof ForwardResponse) {
          requests.request(1);
        }
      } while (o instanceof ForwardResponse);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      requests.cancel("interrupted while closing", e);
    }
  }
}

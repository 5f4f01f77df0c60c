package dev.kibitz.modelserver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.proto.v1.BatchEnd;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.ForwardResponse;
import dev.kibitz.proto.v1.ModelServiceGrpc;
import dev.kibitz.proto.v1.TensorPart;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Forward stream on the raw async stub with inbound flow control in the test's hands: the call
 * receives only the responses the test {@link #request}s. For protocol errors the client library
 * would not send, and for checking what the server does when the client stops reading.
 * One thread drives a call.
 */
public final class ManualForwardCall {
  private static final Object COMPLETED = new Object();

  private final LinkedBlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
  private ClientCallStreamObserver<ForwardRequest> call;

  private ManualForwardCall() {}

  /** Starts a Forward call that asks for {@code initialRequests} responses and no more until told. */
  public static ManualForwardCall start(ModelServiceGrpc.ModelServiceStub stub, int initialRequests) {
    ManualForwardCall c = new ManualForwardCall();
    stub.forward(new ClientResponseObserver<ForwardRequest, ForwardResponse>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<ForwardRequest> stream) {
        c.call = stream;
        stream.disableAutoRequestWithInitial(initialRequests);
      }

      @Override
      public void onNext(ForwardResponse value) {
        c.inbound.add(value);
      }

      @Override
      public void onError(Throwable t) {
        c.inbound.add(t);
      }

      @Override
      public void onCompleted() {
        c.inbound.add(COMPLETED);
      }
    });
    return c;
  }

  /** Queues a request without waiting for transport readiness (the client buffers it). */
  public ManualForwardCall send(ForwardRequest request) {
    call.onNext(request);
    return this;
  }

  public void request(int messages) {
    call.request(messages);
  }

  public void halfClose() {
    call.onCompleted();
  }

  public void cancel(String message) {
    call.cancel(message, null);
  }

  /** The next response already requested; fails if the stream ended or nothing came in 30 s. */
  public ForwardResponse next() throws InterruptedException {
    Object o = inbound.poll(30, TimeUnit.SECONDS);
    if (o instanceof ForwardResponse r) {
      return r;
    }
    return fail("expected a response, got " + (o == null ? "nothing in 30 s"
        : o == COMPLETED ? "the end of the stream" : Status.fromThrowable((Throwable) o)));
  }

  /** Asks for one response and returns it. */
  public ForwardResponse requestNext() throws InterruptedException {
    request(1);
    return next();
  }

  /**
   * Asks for everything left, drops it and returns how the stream ended (OK when completed);
   * fails if it does not end within 30 s.
   */
  public Status awaitEnd() throws InterruptedException {
    request(Integer.MAX_VALUE);
    return awaitEndWithoutReading();
  }

  /**
   * Asks for nothing more; drops what was already requested and returns how the stream ended (a
   * cancellation or deadline ends it without the unread responses); fails after 30 s.
   */
  public Status awaitEndWithoutReading() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      Object o = inbound.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (o == null) {
        return fail("the stream did not end within 30 s");
      }
      if (o == COMPLETED) {
        return Status.OK;
      }
      if (o instanceof Throwable t) {
        return Status.fromThrowable(t);
      }
    }
  }

  /** A batch's answer as it arrived: its end marker, reassembled tensors and how many parts carried them. */
  public record ReceivedBatch(BatchEnd end, Map<String, HostTensor> outputs, Map<String, HostTensor> captures,
      int parts) {}

  /**
   * Requests and reads one batch's parts up to its BatchEnd, checking that every part names that
   * batch and that each tensor's parts run in order from offset 0 to total_bytes without a gap.
   */
  public ReceivedBatch readBatch(long expectedIndex) throws InterruptedException {
    Map<String, ByteBuffer> buffers = new LinkedHashMap<>();
    Map<String, TensorPart> headers = new LinkedHashMap<>();
    int parts = 0;
    while (true) {
      ForwardResponse r = requestNext();
      if (r.hasBatchEnd()) {
        assertEquals(expectedIndex, r.getBatchEnd().getBatchIndex(), "batch_end batch_index");
        return assemble(r.getBatchEnd(), buffers, headers, parts);
      }
      assertTrue(r.hasPart(), () -> "expected a TensorPart or BatchEnd, got " + r.getMessageCase());
      TensorPart p = r.getPart();
      parts++;
      assertEquals(expectedIndex, p.getBatchIndex(), "part batch_index");
      String key = p.getRole() + "/" + p.getName();
      ByteBuffer buf = buffers.computeIfAbsent(key, k -> {
        headers.put(k, p.toBuilder().clearData().clearOffset().build());
        return ByteBuffer.allocateDirect(Math.toIntExact(p.getTotalBytes())).order(ByteOrder.LITTLE_ENDIAN);
      });
      assertEquals(headers.get(key), p.toBuilder().clearData().clearOffset().build(), "header of a part of " + key);
      assertEquals(buf.position(), p.getOffset(), "offset of a part of " + key);
      p.getData().copyTo(buf);
    }
  }

  private static ReceivedBatch assemble(BatchEnd end, Map<String, ByteBuffer> buffers,
      Map<String, TensorPart> headers, int parts) {
    Map<String, HostTensor> outputs = new LinkedHashMap<>();
    Map<String, HostTensor> captures = new LinkedHashMap<>();
    headers.forEach((key, h) -> {
      ByteBuffer buf = buffers.get(key);
      assertEquals(h.getTotalBytes(), buf.position(), "bytes received of " + key);
      buf.flip();
      HostTensor t = new HostTensor(DType.fromProtoOrNull(h.getDtype()),
          h.getShapeList().stream().mapToLong(Long::longValue).toArray(), buf);
      (h.getRole() == TensorPart.Role.ROLE_OUTPUT ? outputs : captures).put(h.getName(), t);
    });
    return new ReceivedBatch(end, outputs, captures, parts);
  }
}

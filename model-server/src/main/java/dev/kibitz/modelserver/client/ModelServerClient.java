package dev.kibitz.modelserver.client;

import dev.kibitz.proto.v1.AddModelRequest;
import dev.kibitz.proto.v1.AddModelResponse;
import dev.kibitz.proto.v1.CheckParityRequest;
import dev.kibitz.proto.v1.DescribeModelRequest;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ListModelsRequest;
import dev.kibitz.proto.v1.ListModelsResponse;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.ModelServiceGrpc;
import dev.kibitz.proto.v1.ParityReport;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;

/** A Java client of the model server: unary calls with a deadline, and Forward sessions. */
public final class ModelServerClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final long deadlineSeconds;

  public ModelServerClient(ManagedChannel channel, long deadlineSeconds) {
    this.channel = channel;
    this.deadlineSeconds = deadlineSeconds;
  }

  /**
   * Plaintext channel to host:port with a 64 MiB inbound limit (parts are at most 4 MiB) and a
   * 16 MiB HTTP/2 flow-control window: with the 1 MiB default the server can have only one 1 MiB
   * part in flight before waiting for a window update, which halves capture throughput.
   */
  public static ModelServerClient connect(String host, int port) {
    return new ModelServerClient(NettyChannelBuilder.forAddress(host, port).usePlaintext()
        .maxInboundMessageSize(64 << 20).flowControlWindow(FLOW_CONTROL_WINDOW).build(), 60);
  }

  static final int FLOW_CONTROL_WINDOW = 16 << 20;

  public ManagedChannel channel() {
    return channel;
  }

  public ListModelsResponse listModels() {
    return ModelServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS)
        .listModels(ListModelsRequest.getDefaultInstance());
  }

  public ModelDescription describe(String model) {
    return ModelServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS)
        .describeModel(DescribeModelRequest.newBuilder().setModel(model).build());
  }

  /** Asks the server to load and serve the TorchScript package at {@code path} (a path the server can read). */
  public AddModelResponse addModel(String path, boolean allowParityFailure) {
    return ModelServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS)
        .addModel(AddModelRequest.newBuilder().setPath(path).setAllowParityFailure(allowParityFailure).build());
  }

  /** Reruns a served package's parity guard. */
  public ParityReport checkParity(String model) {
    return ModelServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS)
        .checkParity(CheckParityRequest.newBuilder().setModel(model).build());
  }

  /** Opens a Forward session; blocks until the server accepts or refuses it. */
  public ForwardStream openForward(ForwardOpen open) {
    return new ForwardStream(ModelServiceGrpc.newStub(channel), open);
  }

  /** Same, with a deadline over the whole session. */
  public ForwardStream openForward(ForwardOpen open, long deadline, TimeUnit unit) {
    return new ForwardStream(ModelServiceGrpc.newStub(channel).withDeadlineAfter(deadline, unit), open);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdown();
    if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
      channel.shutdownNow();
    }
  }
}

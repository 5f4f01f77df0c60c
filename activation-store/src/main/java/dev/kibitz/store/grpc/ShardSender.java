package dev.kibitz.store.grpc;

import com.google.protobuf.ByteString;
import dev.kibitz.core.wire.GrpcStatuses;
import dev.kibitz.proto.v1.ReadBatchRequest;
import dev.kibitz.proto.v1.ReadBatchResponse;
import dev.kibitz.store.ActivationStore;
import dev.kibitz.store.wire.StoreProtos;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;

/**
 * Streams one shard file: its BatchInfo, then chunks sent only while the transport is ready (so a
 * slow reader holds at most one chunk in memory here). The call ends OK only if the bytes sent hash to
 * the catalog's sha256; otherwise DATA_LOSS, and the client must discard what it got.
 */
final class ShardSender implements Runnable {
  private final ActivationStore.StoredShard shard;
  private final ServerCallStreamObserver<ReadBatchResponse> out;
  private final byte[] buffer;
  private boolean finished;

  private ShardSender(ActivationStore.StoredShard shard, ServerCallStreamObserver<ReadBatchResponse> out,
      int chunkBytes) {
    this.shard = shard;
    this.out = out;
    this.buffer = new byte[chunkBytes];
  }

  static void start(ActivationStore store, ReadBatchRequest request, StreamObserver<ReadBatchResponse> observer,
      int chunkBytes) {
    ServerCallStreamObserver<ReadBatchResponse> out = (ServerCallStreamObserver<ReadBatchResponse>) observer;
    ActivationStore.StoredShard shard;
    try {
      shard = store.openBatch(ActivationStoreAdapter.required(request.getDatasetId(), "dataset_id"),
          request.getBatchIndex());
    } catch (RuntimeException e) {
      out.onError(GrpcStatuses.of(e).asRuntimeException());
      return;
    }
    out.onNext(ReadBatchResponse.newBuilder().setInfo(StoreProtos.batch(shard.batch(), store.uri(shard.batch())))
        .build());
    ShardSender sender = new ShardSender(shard, out, chunkBytes);
    out.setOnCancelHandler(sender::cancel);
    out.setOnReadyHandler(sender);
    sender.run();
  }

  @Override
  public synchronized void run() {
    if (finished) {
      return;
    }
    try {
      while (out.isReady()) {
        int n = shard.stream().readNBytes(buffer, 0, buffer.length);
        if (n == 0) {
          finished = true;
          closeQuietly();
          shard.verify();
          out.onCompleted();
          return;
        }
        out.onNext(ReadBatchResponse.newBuilder().setData(ByteString.copyFrom(buffer, 0, n)).build());
      }
    } catch (IOException | RuntimeException e) {
      finished = true;
      closeQuietly();
      out.onError(GrpcStatuses.of(e).asRuntimeException());
    }
  }

  private synchronized void cancel() {
    finished = true;
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      shard.close();
    } catch (IOException ignored) {
      // the stream is being abandoned; nothing more to read from it
    }
  }
}

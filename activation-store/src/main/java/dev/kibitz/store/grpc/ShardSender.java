package dev.kibitz.store.grpc;

import com.google.protobuf.ByteString;
import dev.kibitz.core.wire.GrpcStatuses;
import dev.kibitz.store.StoredBlob;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Streams one stored blob (shard or artifact): its catalog entry, then chunks sent only while the
 * transport is ready (so a
 * slow reader holds at most one chunk in memory here). The call ends OK only if the bytes sent hash to
 * the catalog's CRC32C; otherwise DATA_LOSS, and the client must discard what it got.
 */
final class ShardSender<T> implements Runnable {
  private final StoredBlob<?> shard;
  private final ServerCallStreamObserver<T> out;
  private final Function<ByteString, T> dataMessage;
  private final byte[] buffer;
  private boolean finished;

  private ShardSender(StoredBlob<?> shard, ServerCallStreamObserver<T> out, Function<ByteString, T> dataMessage,
      int chunkBytes) {
    this.shard = shard;
    this.out = out;
    this.dataMessage = dataMessage;
    this.buffer = new byte[chunkBytes];
  }

  /**
   * Opens the blob (errors end the call at once), sends {@code info(record)} first, then the bytes as
   * {@code dataMessage}s while the client is ready.
   */
  static <R, T> void start(Supplier<StoredBlob<R>> open, Function<R, T> info, Function<ByteString, T> dataMessage,
      StreamObserver<T> observer, int chunkBytes) {
    ServerCallStreamObserver<T> out = (ServerCallStreamObserver<T>) observer;
    StoredBlob<R> blob;
    try {
      blob = open.get();
    } catch (RuntimeException e) {
      out.onError(GrpcStatuses.of(e).asRuntimeException());
      return;
    }
    out.onNext(info.apply(blob.record()));
    ShardSender<T> sender = new ShardSender<>(blob, out, dataMessage, chunkBytes);
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
        out.onNext(dataMessage.apply(ByteString.copyFrom(buffer, 0, n)));
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

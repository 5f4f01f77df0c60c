package dev.kibitz.store.grpc;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.wire.GrpcStatuses;
import dev.kibitz.proto.v1.BatchHeader;
import dev.kibitz.proto.v1.BatchInfo;
import dev.kibitz.proto.v1.WriteBatchRequest;
import dev.kibitz.store.ActivationStore;
import dev.kibitz.store.BatchUpload;
import dev.kibitz.store.catalog.BatchRecord;
import dev.kibitz.store.wire.StoreProtos;
import io.grpc.stub.StreamObserver;

/**
 * One client-streamed WriteBatch: a header, then data chunks written straight to the staging file
 * (gRPC asks for the next message only after this one is written, which paces the client). The first
 * error ends the call and abandons the upload; later messages are ignored.
 */
final class BatchWriteCall implements StreamObserver<WriteBatchRequest> {
  private final ActivationStore store;
  private final StreamObserver<BatchInfo> out;
  private BatchUpload upload;
  private boolean ended;

  BatchWriteCall(ActivationStore store, StreamObserver<BatchInfo> out) {
    this.store = store;
    this.out = out;
  }

  @Override
  public void onNext(WriteBatchRequest request) {
    if (ended) {
      return;
    }
    try {
      switch (request.getPartCase()) {
        case HEADER -> begin(request.getHeader());
        case DATA -> {
          if (upload == null) {
            throw KibitzException.invalid("WriteBatch: the first message must be a header, got data");
          }
          upload.append(request.getData().asReadOnlyByteBuffer());
        }
        default -> throw KibitzException.invalid("WriteBatch: a message must carry a header or data");
      }
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void begin(BatchHeader h) {
    if (upload != null) {
      throw KibitzException.invalid("WriteBatch: a second header; one call writes one batch");
    }
    upload = store.beginBatch(ActivationStoreAdapter.required(h.getDatasetId(), "dataset_id"), h.getBatchId(),
        h.getRows());
  }

  @Override
  public void onError(Throwable t) {
    ended = true;
    abandon();
  }

  @Override
  public void onCompleted() {
    if (ended) {
      return;
    }
    ended = true;
    try {
      if (upload == null) {
        throw KibitzException.invalid("WriteBatch: the stream ended without a header");
      }
      BatchRecord r = upload.finish();
      out.onNext(StoreProtos.batch(r, store.uri(r)));
      out.onCompleted();
    } catch (RuntimeException e) {
      abandon();
      out.onError(GrpcStatuses.of(e).asRuntimeException());
    }
  }

  private void fail(RuntimeException e) {
    ended = true;
    abandon();
    out.onError(GrpcStatuses.of(e).asRuntimeException());
  }

  private void abandon() {
    if (upload != null) {
      upload.close();
    }
  }
}

package dev.kibitz.store.grpc;

import com.google.protobuf.ByteString;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.wire.GrpcStatuses;
import dev.kibitz.store.Upload;
import io.grpc.stub.StreamObserver;

/**
 * One client-streamed upload (WriteBatch, PutArtifact): a header, then data chunks written straight to
 * the staging file (gRPC asks for the next message only after this one is written, which paces the
 * client). The first error ends the call and abandons the upload; later messages are ignored.
 */
final class UploadCall<Q, R, A> implements StreamObserver<Q> {

  /** How one RPC's messages map onto an upload. */
  interface Protocol<Q, R, A> {
    /** The header's upload, or null if {@code request} carries data. */
    Upload<R> begin(Q request);

    /** The data bytes, or null if {@code request} carries neither header nor data. */
    ByteString data(Q request);

    A reply(R record);
  }

  private final String rpc;
  private final String noun;
  private final Protocol<Q, R, A> protocol;
  private final StreamObserver<A> out;
  private Upload<R> upload;
  private boolean ended;

  /** @param noun what one call writes, for messages ("batch", "artifact") */
  UploadCall(String rpc, String noun, Protocol<Q, R, A> protocol, StreamObserver<A> out) {
    this.rpc = rpc;
    this.noun = noun;
    this.protocol = protocol;
    this.out = out;
  }

  @Override
  public void onNext(Q request) {
    if (ended) {
      return;
    }
    try {
      ByteString data = protocol.data(request);
      if (data != null) {
        if (upload == null) {
          throw KibitzException.invalid(rpc + ": the first message must be a header, got data");
        }
        upload.append(data.asReadOnlyByteBuffer());
        return;
      }
      if (upload != null) {
        throw KibitzException.invalid(rpc + ": a second header; one call writes one " + noun);
      }
      upload = protocol.begin(request);
      if (upload == null) {
        throw KibitzException.invalid(rpc + ": a message must carry a header or data");
      }
    } catch (RuntimeException e) {
      fail(e);
    }
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
        throw KibitzException.invalid(rpc + ": the stream ended without a header");
      }
      A reply = protocol.reply(upload.finish());
      out.onNext(reply);
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

package dev.kibitz.modelserver.grpc;

import dev.kibitz.core.KibitzException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

/** The one place the model server maps exceptions to gRPC status. */
final class GrpcStatuses {
  private GrpcStatuses() {}

  static Status of(Throwable t) {
    if (t instanceof StatusRuntimeException s) {
      return s.getStatus();
    }
    if (t instanceof StatusException s) {
      return s.getStatus();
    }
    if (t instanceof KibitzException k) {
      Status.Code code = switch (k.reason()) {
        case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
        case NOT_FOUND -> Status.Code.NOT_FOUND;
        case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
        case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
        case CANCELLED -> Status.Code.CANCELLED;
        case UNAVAILABLE -> Status.Code.UNAVAILABLE;
      };
      return Status.fromCode(code).withDescription(k.getMessage());
    }
    return Status.INTERNAL.withDescription("model server error: " + t).withCause(t);
  }
}

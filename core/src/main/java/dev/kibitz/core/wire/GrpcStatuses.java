package dev.kibitz.core.wire;

import dev.kibitz.core.KibitzException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place the services map exceptions to gRPC status; anything unexpected is INTERNAL. */
public final class GrpcStatuses {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcStatuses.class);

  private GrpcStatuses() {}

  public static Status of(Throwable t) {
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
        case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
        case DATA_LOSS -> Status.Code.DATA_LOSS;
      };
      return Status.fromCode(code).withDescription(k.getMessage());
    }
    // A bug, not a bad request: the client sees one line, the operator gets the stack.
    LOG.error("unexpected server error", t);
    return Status.INTERNAL.withDescription("server error: " + t).withCause(t);
  }
}

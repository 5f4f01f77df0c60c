package dev.kibitz.core;

/**
 * A request Kibitz refuses, with the reason a transport maps to its own status
 * (gRPC: one function per service). The message names the input and what was expected.
 */
public class KibitzException extends RuntimeException {

  /** Why a request was refused; mirrors the gRPC codes the services use. */
  public enum Reason { INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, RESOURCE_EXHAUSTED, CANCELLED, UNAVAILABLE,
    ALREADY_EXISTS, DATA_LOSS }

  private final Reason reason;

  public KibitzException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public static KibitzException invalid(String message) {
    return new KibitzException(Reason.INVALID_ARGUMENT, message);
  }

  public static KibitzException notFound(String message) {
    return new KibitzException(Reason.NOT_FOUND, message);
  }

  public static KibitzException precondition(String message) {
    return new KibitzException(Reason.FAILED_PRECONDITION, message);
  }

  public static KibitzException alreadyExists(String message) {
    return new KibitzException(Reason.ALREADY_EXISTS, message);
  }

  public static KibitzException dataLoss(String message) {
    return new KibitzException(Reason.DATA_LOSS, message);
  }
}

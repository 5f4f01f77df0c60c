package dev.kibitz.steering.vector;

/**
 * Where probe and SAE artifacts come from: the activation store in production
 * ({@link StoreArtifacts}), a map in tests.
 */
public interface Artifacts {
  /** The artifact's bytes; NOT_FOUND (as a KibitzException or gRPC status) when it does not exist. */
  byte[] get(String kind, String name);

  /** No store configured: every lookup fails with a message saying so. */
  Artifacts NONE = (kind, name) -> {
    throw dev.kibitz.core.KibitzException.precondition("the steering service has no activation store configured, so "
        + "it cannot read artifact " + kind + "/" + name);
  };
}

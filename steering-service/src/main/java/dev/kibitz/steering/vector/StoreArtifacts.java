package dev.kibitz.steering.vector;

import dev.kibitz.store.client.ActivationStoreClient;
import io.grpc.StatusRuntimeException;

/** Artifacts read from an activation store; the store's refusals keep their code. */
public final class StoreArtifacts implements Artifacts {
  private final ActivationStoreClient client;

  public StoreArtifacts(ActivationStoreClient client) {
    this.client = client;
  }

  @Override
  public byte[] get(String kind, String name) {
    try {
      return client.getArtifact(kind, name);
    } catch (StatusRuntimeException e) {
      throw e.getStatus().withDescription("activation store, artifact " + kind + "/" + name + ": "
          + e.getStatus().getDescription()).asRuntimeException();
    }
  }
}

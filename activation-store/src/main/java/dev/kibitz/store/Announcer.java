package dev.kibitz.store;

import dev.kibitz.store.catalog.BatchRecord;
import dev.kibitz.store.catalog.DatasetRecord;

/**
 * Tells subscribers that a batch is durable or a dataset is complete. Each call returns only once the
 * announcement is acknowledged (for Kafka: acks=all), so the store can mark its outbox row done.
 */
public interface Announcer extends AutoCloseable {

  void batchStored(DatasetRecord dataset, BatchRecord batch, String uri) throws Exception;

  void datasetSealed(DatasetRecord dataset) throws Exception;

  /** A job asked for on a sealed dataset; returns once acknowledged. A store nobody subscribes to drops it. */
  default void workRequested(dev.kibitz.proto.v1.WorkRequested request) throws Exception {}

  @Override
  default void close() {}

  /** For a store that nobody subscribes to (tools, tests of the store alone). */
  Announcer NONE = new Announcer() {
    @Override
    public void batchStored(DatasetRecord dataset, BatchRecord batch, String uri) {}

    @Override
    public void datasetSealed(DatasetRecord dataset) {}
  };
}

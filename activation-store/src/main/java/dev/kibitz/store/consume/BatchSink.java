package dev.kibitz.store.consume;

import dev.kibitz.proto.v1.BatchStored;
import dev.kibitz.proto.v1.DatasetSealed;

/**
 * What a consumer does with announced batches. Effects are applied in memory and made durable by
 * {@link #flush} together with the keys of the batches they include (e.g. an SAE checkpoint that lists
 * the batches trained on). The consumer commits Kafka offsets only after a flush, and asks
 * {@link #applied} before applying, so a batch redelivered after a crash is applied exactly once to
 * the durable state.
 */
public interface BatchSink {

  /** Whether the durable state (as of the last flush, plus anything applied since) already holds this batch. */
  boolean applied(BatchKey key);

  void apply(BatchStored event) throws Exception;

  /** A dataset is complete; called after all of its batches were applied. */
  default void sealed(DatasetSealed event) throws Exception {}

  /** A job asked for on a sealed dataset; sinks of other kinds ignore it. Redelivery may repeat it. */
  default void requested(dev.kibitz.proto.v1.WorkRequested event) throws Exception {}

  /** Makes every effect applied so far durable, atomically with the set of applied keys. */
  void flush() throws Exception;
}

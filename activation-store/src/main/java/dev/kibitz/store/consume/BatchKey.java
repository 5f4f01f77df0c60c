package dev.kibitz.store.consume;

import dev.kibitz.proto.v1.BatchStored;

/** Identifies a batch across redeliveries: its dataset and its index there. */
public record BatchKey(String datasetId, int batchIndex) {

  public static BatchKey of(BatchStored e) {
    return new BatchKey(e.getBatch().getDatasetId(), e.getBatch().getBatchIndex());
  }

  @Override
  public String toString() {
    return datasetId + "#" + batchIndex;
  }
}

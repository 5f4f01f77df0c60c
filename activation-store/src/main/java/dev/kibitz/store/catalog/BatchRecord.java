package dev.kibitz.store.catalog;

/**
 * One durable shard of a dataset. {@code batchIndex} counts 0, 1, 2 ... in commit order;
 * {@code batchId} is the writer's idempotency key; {@code sha256} (hex) covers the whole file.
 */
public record BatchRecord(String datasetId, String batchId, int batchIndex, long rows, long bytes, String sha256,
    String blobKey, long storedAt) {}

package dev.kibitz.store.catalog;

/**
 * One durable shard of a dataset. {@code batchIndex} counts 0, 1, 2 ... in commit order;
 * {@code batchId} is the writer's idempotency key; {@code sha256} (hex) and {@code crc32c} both cover the whole
 * file: the first names its content (events, Python's hashlib), the second is cheap enough to check on every read.
 */
public record BatchRecord(String datasetId, String batchId, int batchIndex, long rows, long bytes, String sha256,
    long crc32c, String blobKey, long storedAt) {}

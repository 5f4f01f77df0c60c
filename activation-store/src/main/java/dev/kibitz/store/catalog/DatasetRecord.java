package dev.kibitz.store.catalog;

/** A dataset as the catalog holds it. Times are epoch milliseconds; {@code sealedAt} is 0 while open. */
public record DatasetRecord(String id, DatasetSpec spec, DatasetState state, long rows, int batches, long createdAt,
    long sealedAt) {}

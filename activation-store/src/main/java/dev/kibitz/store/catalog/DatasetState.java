package dev.kibitz.store.catalog;

/** An open dataset takes new batches; a sealed one is complete and read-only. */
public enum DatasetState { OPEN, SEALED }

package dev.kibitz.store.kafka;

/** The Kafka topics the activation store writes. Documented in docs/activation-store.md. */
public final class StoreTopics {
  private StoreTopics() {}

  /** {@code StoreEvent} records (BatchStored, DatasetSealed), key = dataset id (UTF-8). */
  public static final String STORE_EVENTS = "kibitz.store.events";
}

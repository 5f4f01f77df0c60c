package dev.kibitz.store.catalog;

import java.util.List;

/** Filters for listing datasets; null or empty fields match anything, every label name must be carried. */
public record DatasetQuery(String model, String checkpoint, String hook, String inputSet, List<String> labelNames,
    DatasetState state) {

  public DatasetQuery {
    labelNames = labelNames == null ? List.of() : List.copyOf(labelNames);
  }

  public static DatasetQuery all() {
    return new DatasetQuery(null, null, null, null, List.of(), null);
  }
}

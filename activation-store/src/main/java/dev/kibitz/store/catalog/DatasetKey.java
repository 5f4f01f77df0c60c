package dev.kibitz.store.catalog;

/** What a dataset's activations are of: model, checkpoint, hook point and the set of inputs. */
public record DatasetKey(String model, String checkpoint, String hook, String inputSet) {}

package dev.kibitz.core.model;

import ai.djl.Device;
import java.util.List;

/**
 * A model the registry can serve: its name, checkpoints, model card and how to load one
 * checkpoint onto a device.
 */
public record ModelEntry(String name, String description, List<Checkpoint> checkpoints, String defaultCheckpoint,
    String modelCard, Loader loader) {

  /** A named set of weights, e.g. a training step. */
  public record Checkpoint(String name, String description) {}

  /** Loads one checkpoint; called once per (checkpoint) by the registry. */
  @FunctionalInterface
  public interface Loader {
    HookedModel load(String checkpoint, Device device) throws java.io.IOException;
  }

  public ModelEntry {
    checkpoints = List.copyOf(checkpoints);
    if (checkpoints.stream().noneMatch(c -> c.name().equals(defaultCheckpoint))) {
      throw new IllegalArgumentException(name + ": default checkpoint '" + defaultCheckpoint + "' is not listed");
    }
  }

  public boolean hasCheckpoint(String checkpoint) {
    return checkpoints.stream().anyMatch(c -> c.name().equals(checkpoint));
  }
}

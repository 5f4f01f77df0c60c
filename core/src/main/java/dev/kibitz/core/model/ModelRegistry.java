package dev.kibitz.core.model;

import ai.djl.Device;
import dev.kibitz.core.KibitzException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds models by name and loads their checkpoints onto one device, once each; loaded models are
 * shared by every session and closed with the registry.
 */
public final class ModelRegistry implements AutoCloseable {
  private final Device device;
  private final Map<String, ModelEntry> entries = new LinkedHashMap<>();
  private final Map<String, HookedModel> loaded = new ConcurrentHashMap<>();

  public ModelRegistry(Device device) {
    this.device = device;
  }

  public Device device() {
    return device;
  }

  public synchronized void register(ModelEntry entry) {
    if (entries.putIfAbsent(entry.name(), entry) != null) {
      throw new IllegalArgumentException("model '" + entry.name() + "' is already registered");
    }
  }

  /**
   * Registers a model already loaded (and checked) onto this registry's device as the entry's
   * default checkpoint; it is closed with the registry.
   *
   * @throws KibitzException ALREADY_EXISTS when the name is taken
   */
  public synchronized void registerLoaded(ModelEntry entry, HookedModel model) {
    if (entries.containsKey(entry.name())) {
      throw KibitzException.alreadyExists("model '" + entry.name() + "' is already registered");
    }
    entries.put(entry.name(), entry);
    loaded.put(entry.name() + "@" + entry.defaultCheckpoint(), model);
  }

  public synchronized List<ModelEntry> list() {
    return new ArrayList<>(entries.values());
  }

  /** @throws KibitzException NOT_FOUND naming the known models */
  public synchronized ModelEntry entry(String name) {
    ModelEntry e = entries.get(name);
    if (e == null) {
      throw KibitzException.notFound("no model named '" + name + "' (known: " + String.join(", ", entries.keySet())
          + ")");
    }
    return e;
  }

  /**
   * The loaded checkpoint; an empty checkpoint means the model's default.
   *
   * @throws KibitzException NOT_FOUND for an unknown model or checkpoint
   */
  public HookedModel model(String name, String checkpoint) {
    ModelEntry e = entry(name);
    String cp = checkpoint == null || checkpoint.isEmpty() ? e.defaultCheckpoint() : checkpoint;
    if (!e.hasCheckpoint(cp)) {
      throw KibitzException.notFound("model '" + name + "' has no checkpoint '" + cp + "' (checkpoints: "
          + String.join(", ", e.checkpoints().stream().map(ModelEntry.Checkpoint::name).toList()) + ")");
    }
    return loaded.computeIfAbsent(name + "@" + cp, k -> {
      try {
        return e.loader().load(cp, device);
      } catch (IOException ex) {
        throw new UncheckedIOException("loading " + k, ex);
      }
    });
  }

  @Override
  public void close() {
    loaded.values().forEach(HookedModel::close);
    loaded.clear();
  }
}

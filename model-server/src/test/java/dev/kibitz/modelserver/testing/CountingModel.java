package dev.kibitz.modelserver.testing;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelEntry;
import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded model under another name that counts the forward passes the server runs on it: how a
 * test sees, through the registry's public API, how far a session has got on the server side.
 */
public final class CountingModel implements HookedModel {
  private final HookedModel delegate;
  private final AtomicInteger forwards = new AtomicInteger();

  private CountingModel(HookedModel delegate) {
    this.delegate = delegate;
  }

  /**
   * Registers {@code name} in {@code registry}: the default checkpoint of {@code model}, counted.
   * The registry still owns (and closes) the underlying model.
   */
  public static CountingModel register(ModelRegistry registry, String model, String name) {
    ModelEntry entry = registry.entry(model);
    CountingModel counted = new CountingModel(registry.model(model, entry.defaultCheckpoint()));
    List<ModelEntry.Checkpoint> onlyDefault = entry.checkpoints().stream()
        .filter(c -> c.name().equals(entry.defaultCheckpoint())).toList();
    registry.register(new ModelEntry(name, "counts forward passes of " + model, onlyDefault,
        entry.defaultCheckpoint(), entry.modelCard(), (checkpoint, device) -> counted));
    return counted;
  }

  /** Forward passes started so far. */
  public int forwards() {
    return forwards.get();
  }

  @Override
  public NDList forward(NDList inputs) {
    forwards.incrementAndGet();
    return delegate.forward(inputs);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public String checkpoint() {
    return delegate.checkpoint();
  }

  @Override
  public List<TensorSpec> inputs() {
    return delegate.inputs();
  }

  @Override
  public List<TensorSpec> outputs() {
    return delegate.outputs();
  }

  @Override
  public List<TensorSpec> hookPoints() {
    return delegate.hookPoints();
  }

  @Override
  public NDManager manager() {
    return delegate.manager();
  }

  /** The registry closes the delegate under the model's own name. */
  @Override
  public void close() {}
}

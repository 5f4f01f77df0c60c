package dev.kibitz.modelserver.forward;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.hook.ForwardPlan;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelEntry;
import dev.kibitz.core.model.ModelRegistry;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model server's domain: list and describe models, open forward sessions. No transport types
 * here; the gRPC adapter converts and calls in.
 */
public final class ForwardService {
  private final ModelRegistry registry;
  private final int maxSessions;
  private final AtomicInteger openSessions = new AtomicInteger();

  public ForwardService(ModelRegistry registry, int maxSessions) {
    this.registry = registry;
    this.maxSessions = maxSessions;
  }

  public List<ModelEntry> listModels() {
    return registry.list();
  }

  /** A model's entry and its default checkpoint, loaded (hook shapes are measured at load). */
  public Described describe(String model) {
    ModelEntry entry = registry.entry(model);
    return new Described(entry, registry.model(model, entry.defaultCheckpoint()));
  }

  public record Described(ModelEntry entry, HookedModel model) {}

  /**
   * Validates the spec against the model and opens a session; call {@link #release} when it ends.
   *
   * @throws KibitzException NOT_FOUND (model, checkpoint), INVALID_ARGUMENT (hooks, interventions),
   *     RESOURCE_EXHAUSTED (too many open sessions)
   */
  public ForwardSession open(SessionSpec spec) {
    if (spec.model().isEmpty()) {
      throw KibitzException.invalid("open: model is empty");
    }
    HookedModel model = registry.model(spec.model(), spec.checkpoint());
    ForwardPlan plan = ForwardPlan.validate(spec.model(), model.hookPoints(), model.readOnlyHooks(),
        spec.captures(), spec.interventions());
    if (openSessions.incrementAndGet() > maxSessions) {
      openSessions.decrementAndGet();
      throw new KibitzException(KibitzException.Reason.RESOURCE_EXHAUSTED,
          "the server already has " + maxSessions + " open forward sessions (kibitz.model-server.max-sessions)");
    }
    return new ForwardSession(UUID.randomUUID().toString(), model, plan);
  }

  public void release(ForwardSession session) {
    openSessions.decrementAndGet();
  }

  public int openSessions() {
    return openSessions.get();
  }
}

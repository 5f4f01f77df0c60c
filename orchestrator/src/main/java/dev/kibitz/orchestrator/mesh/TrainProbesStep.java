package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonObject;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;

/**
 * {@code train-probes}: the probe service trains a captured dataset's probes by itself when the
 * dataset is sealed (it hears the seal on Kafka); this step waits for the results it publishes to the
 * store and collects them: per concept, the test score against the baseline and the shuffled-label control.
 */
public final class TrainProbesStep implements StepType<TrainProbesStep.Config> {
  public static final String NAME = "train-probes";

  /** Which dataset's probes, and how long to wait for the probe service. */
  public record Config(String capture, String hook, long timeoutSeconds) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "collect the probe service's probes of a captured hook (concept scores vs baseline and shuffled "
        + "control); params: capture, hook, timeout-minutes";
  }

  @Override
  public Config configure(Params p, StepCheck check) {
    Upstream.CapturedHook h = Upstream.capturedHook(p, check, java.util.List.of(CaptureStep.NAME, CaptureChessStep.NAME));
    return new Config(h.step(), h.hook(), p.integer("timeout-minutes", 30, 1, 24 * 60) * 60);
  }

  /** On the mesh the probe service trains; this step only waits for its results. */
  @Override
  public boolean takesWorker(java.util.function.Function<Class<?>, Object> services) {
    return !((Services) services.apply(Services.class)).probesTrainedElsewhere();
  }

  @Override
  public JsonObject run(Config c, StepContext ctx) throws Exception {
    String dataset = ctx.output(c.capture()).getAsJsonObject("datasets").get(c.hook()).getAsString();
    Services.ProbeResults results = ctx.service(Services.class).probes(dataset, c.timeoutSeconds(), ctx);
    JsonObject out = new JsonObject();
    out.addProperty("dataset", dataset);
    out.addProperty("hook", c.hook());
    out.addProperty("artifact", results.id());
    out.add("probes", results.probes());
    return out;
  }
}

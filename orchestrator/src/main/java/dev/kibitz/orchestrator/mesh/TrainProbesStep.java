package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.probe.report.ProbeReport;
import dev.kibitz.probe.service.ProbeSink;
import dev.kibitz.proto.v1.Artifact;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

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
    Upstream.CapturedHook h = Upstream.capturedHook(p, check);
    return new Config(h.step(), h.hook(), p.integer("timeout-minutes", 30, 1, 24 * 60) * 60);
  }

  @Override
  public JsonObject run(Config c, StepContext ctx) throws Exception {
    Mesh mesh = ctx.service(Mesh.class);
    String dataset = ctx.output(c.capture()).getAsJsonObject("datasets").get(c.hook()).getAsString();
    long deadline = System.nanoTime() + c.timeoutSeconds() * 1_000_000_000L;
    ctx.progress(0, "waiting for the probe service");
    Optional<Artifact> results = Optional.empty();
    while (results.isEmpty()) {
      results = mesh.store().artifacts(ProbeSink.ARTIFACT_KIND, dataset).stream()
          .filter(a -> a.getName().endsWith("/" + ProbeReport.JSON)).findFirst();
      if (results.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no probe results for dataset " + dataset + " after "
              + c.timeoutSeconds() / 60 + " min: is a probe service running on the store's events?");
        }
        if (ctx.cancelled()) {
          throw new InterruptedException("cancelled");
        }
        Thread.sleep(250);
      }
    }
    byte[] json = mesh.store().getArtifact(ProbeSink.ARTIFACT_KIND, results.get().getName());
    JsonArray probes = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonArray();
    JsonObject out = new JsonObject();
    out.addProperty("dataset", dataset);
    out.addProperty("hook", c.hook());
    out.addProperty("artifact", results.get().getId());
    out.add("probes", probes);
    return out;
  }
}

package dev.kibitz.orchestrator.mesh;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code report}: writes {@code report.html} (self-contained: figures inline as SVG) and {@code report.json}
 * (every number of every step it needs, directly or not, with the stored datasets' and artifacts' ids)
 * into the run's folder. Its output names both files; the run records the HTML as its report.
 */
public final class ReportStep implements StepType<ReportStep.Config> {
  public static final String NAME = "report";

  /** The steps reported, by name, with their types, in spec order. */
  public record Config(String title, Map<String, String> steps) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "write report.html (figures inline) and report.json over every step it needs; params: title";
  }

  @Override
  public Config configure(Params p, StepCheck check) {
    Map<String, String> steps = check.allNeeds();
    if (steps.isEmpty()) {
      p.problem(null, "a report needs at least one step to report on");
    }
    return new Config(p.string("title", ""), new LinkedHashMap<>(steps));
  }

  /** Output paths are relative to the run folder's parent, so cached reports stay valid when the folder moves. */
  @Override
  public JsonObject run(Config c, StepContext ctx) throws Exception {
    JsonObject all = new JsonObject();
    all.addProperty("run", ctx.runId());
    JsonObject steps = new JsonObject();
    for (Map.Entry<String, String> s : c.steps().entrySet()) {
      JsonObject o = ctx.output(s.getKey()).deepCopy();
      o.addProperty("type", s.getValue());
      steps.add(s.getKey(), o);
    }
    all.add("steps", steps);
    Path dir = Files.createDirectories(ctx.runDir());
    Path json = dir.resolve("report.json");
    Files.writeString(json, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
        .toJson(all));
    Path html = dir.resolve("report.html");
    Files.writeString(html, new HtmlReport(c.title().isEmpty() ? ctx.runId() : c.title(), ctx.runId(), steps).render());
    JsonObject out = new JsonObject();
    out.addProperty("report", html.toAbsolutePath().toString());
    out.addProperty("json", json.toAbsolutePath().toString());
    return out;
  }
}

package dev.kibitz.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.orchestrator.Orchestrator;
import dev.kibitz.orchestrator.embedded.EmbeddedMesh;
import dev.kibitz.orchestrator.inprocess.InProcessServices;
import dev.kibitz.orchestrator.mesh.Services;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.orchestrator.state.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The default experiment ({@code kibitz run}'s spec) end to end, twice per round: through the embedded
 * mesh (model server, store, in-JVM Kafka, probe and steering services over loopback gRPC) and through
 * the same steps over the services' code in this JVM ({@link InProcessServices}: no gRPC, store or
 * Kafka). Both run the same spec with the same parallelism from a cold cache; each side's start-up
 * (the broker, the services; loading the models) is timed apart from its run. Rounds alternate which
 * side goes first, and the two must agree on the results. Warm-up rounds (both sides, not counted) come
 * first; each side's first run, its process CPU time, and each step's time are reported too.
 */
final class ExperimentMeshOverheadBench implements Bench {
  private static final int PARALLELISM = 2;

  @Override
  public String name() {
    return "experiment-mesh-overhead";
  }

  @Override
  public String description() {
    return "the default experiment end to end through the embedded mesh vs the same steps in-process "
        + "(goal <= 1.3)";
  }

  /** One side's timings: start-up, the run, and each step's seconds. */
  private record Side(double bootSeconds, long runNanos, double cpuSeconds, Map<String, Double> steps,
      JsonObject report) {}

  @Override
  public Map<String, Object> run() throws Exception {
    int rounds = Integer.getInteger("kibitz.bench.experiment.rounds", 1);
    // A first run in a JVM compiles Kafka, gRPC, the catalog and the steps' own code: the JIT alone took
    // 17 CPU-s of the mesh side's 97 (4 of 86 in-process, which ran second). Warm-up rounds of both sides
    // keep that one-time cost out of the comparison; the cold first run is reported on its own.
    int warmup = Integer.getInteger("kibitz.bench.experiment.warmup", 1);
    String sides = System.getProperty("kibitz.bench.experiment.sides", "both");
    if (!List.of("both", "mesh", "in-process").contains(sides)) {
      throw new IllegalArgumentException("kibitz.bench.experiment.sides is both, mesh or in-process, not " + sides);
    }
    // Another spec (a file) isolates steps when tracing where the mesh spends its time.
    String specFile = System.getProperty("kibitz.bench.experiment.spec");
    String spec = specFile == null ? Orchestrator.defaultSpec() : Files.readString(Path.of(specFile));
    String specName = specFile == null ? Orchestrator.DEFAULT_SPEC : Path.of(specFile).getFileName().toString();
    Path work = Files.createTempDirectory("kibitz-bench-experiment");
    long[] mesh = new long[rounds];
    long[] local = new long[rounds];
    Side lastMesh = null;
    Side lastLocal = null;
    Side firstMesh = null;
    Side firstLocal = null;
    int sidesRun = sides.equals("both") ? 2 : 1;
    ProgressBar bar = new ProgressBar("experiment-mesh-overhead", sidesRun * (warmup + rounds));
    int done = 0;
    for (int w = 0; w < warmup + rounds; w++) {
      int r = w - warmup; // negative: a warm-up round
      for (int side = 0; side < 2; side++) {
        boolean meshSide = (side + w) % 2 == 0;
        if (!sides.equals("both") && sides.equals("mesh") != meshSide) {
          continue; // one side alone: for profiling it
        }
        Path dir = work.resolve("round-" + w + (meshSide ? "-mesh" : "-in-process"));
        if (meshSide) {
          lastMesh = throughMesh(spec, specName, dir);
          firstMesh = firstMesh == null ? lastMesh : firstMesh;
          if (r >= 0) {
            mesh[r] = lastMesh.runNanos();
          }
        } else {
          lastLocal = inProcess(spec, specName, dir);
          firstLocal = firstLocal == null ? lastLocal : firstLocal;
          if (r >= 0) {
            local[r] = lastLocal.runNanos();
          }
        }
        bar.update(++done);
      }
    }
    Map<String, Object> f = Bench.figures();
    f.put("spec", specName);
    if (!sides.equals("both")) {
      Side one = sides.equals("mesh") ? lastMesh : lastLocal;
      f.put(sides + "_run_s", Bench.round(Bench.median(sides.equals("mesh") ? mesh : local) / 1e9, 2));
      f.put(sides + "_run_cpu_s", Bench.round(one.cpuSeconds(), 1));
      f.put("steps", one.steps());
      return f;
    }
    f.put("rounds", rounds);
    f.put("warmup_rounds", warmup);
    // Each side's first run, before any warm-up: the mesh goes first in the JVM and is fully cold; the
    // in-process side then finds the steps' shared code compiled (fresh JVMs per side: sides=...).
    f.put("first_mesh_run_s", Bench.round(firstMesh.runNanos() / 1e9, 2));
    f.put("first_in_process_run_s", Bench.round(firstLocal.runNanos() / 1e9, 2));
    f.put("parallelism", PARALLELISM);
    double meshSeconds = Bench.median(mesh) / 1e9;
    double localSeconds = Bench.median(local) / 1e9;
    f.put("mesh_start_s", Bench.round(lastMesh.bootSeconds(), 2));
    f.put("in_process_start_s", Bench.round(lastLocal.bootSeconds(), 2));
    f.put("mesh_run_s", Bench.round(meshSeconds, 2));
    f.put("in_process_run_s", Bench.round(localSeconds, 2));
    f.put("ratio_mesh_vs_in_process", Bench.round(meshSeconds / localSeconds, 3));
    f.put("mesh_rounds_s", java.util.Arrays.stream(mesh).mapToObj(n -> Bench.round(n / 1e9, 2)).toList());
    f.put("in_process_rounds_s", java.util.Arrays.stream(local).mapToObj(n -> Bench.round(n / 1e9, 2)).toList());
    f.put("mesh_run_cpu_s", Bench.round(lastMesh.cpuSeconds(), 1));
    f.put("in_process_run_cpu_s", Bench.round(lastLocal.cpuSeconds(), 1));
    f.put("goal_ratio", 1.3);
    Map<String, Object> steps = new LinkedHashMap<>();
    for (String step : lastMesh.steps().keySet()) {
      steps.put(step, Map.of("mesh_s", Bench.round(lastMesh.steps().get(step), 2), "in_process_s",
          Bench.round(lastLocal.steps().getOrDefault(step, Double.NaN), 2)));
    }
    f.put("steps", steps);
    if (specFile == null) { // the default spec's results must agree
      f.put("same_probe_results", lastMesh.report().getAsJsonObject("probes-stage-1").get("probes").equals(
          lastLocal.report().getAsJsonObject("probes-stage-1").get("probes")));
      f.put("cheese_vector_delta_p_mesh", deltaP(lastMesh.report()));
      f.put("cheese_vector_delta_p_in_process", deltaP(lastLocal.report()));
      f.put("sae_fvu_mesh", fvu(lastMesh.report()));
      f.put("sae_fvu_in_process", fvu(lastLocal.report()));
    }
    return f;
  }

  private static Side throughMesh(String spec, String name, Path dir) throws Exception {
    long t0 = System.nanoTime();
    try (EmbeddedMesh mesh = EmbeddedMesh.start(dir.resolve("mesh"), s -> { })) {
      return run(mesh.mesh(), spec, name, dir, t0);
    }
  }

  private static Side inProcess(String spec, String name, Path dir) throws Exception {
    long t0 = System.nanoTime();
    try (InProcessServices services = InProcessServices.start()) {
      return run(services, spec, name, dir, t0);
    }
  }

  /** Runs the spec to its end on {@code services}; start-up is from {@code t0} to the orchestrator's first run. */
  private static Side run(Services services, String spec, String name, Path dir, long t0) throws Exception {
    try (Orchestrator orchestrator = new Orchestrator(services, dir, null, null, null, PARALLELISM)) {
      orchestrator.runner().validator().validate(spec, name); // loads the models
      long t1 = System.nanoTime();
      long cpu0 = processCpuNanos();
      RunRecord run = orchestrator.runner().submit(spec, name).await(60, TimeUnit.MINUTES);
      long t2 = System.nanoTime();
      double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
      if (run.state() != RunState.SUCCEEDED) {
        throw new IllegalStateException("the default experiment did not succeed: " + run.message() + " " + run.steps());
      }
      Map<String, Double> steps = new LinkedHashMap<>();
      run.steps().forEach(s -> steps.put(s.name(), s.seconds()));
      java.time.Instant submitted = java.time.Instant.now().minusNanos(System.nanoTime() - t1);
      run.steps().forEach(s -> steps.put(s.name() + " (done at)", s.finishedAt() == null ? Double.NaN
          : java.time.Duration.between(submitted, s.finishedAt()).toMillis() / 1e3));
      JsonObject report = JsonParser.parseString(Files.readString(Path.of(run.report()).resolveSibling("report.json")))
          .getAsJsonObject().getAsJsonObject("steps");
      return new Side((t1 - t0) / 1e9, t2 - t1, cpuSeconds, steps, report);
    }
  }

  /** CPU time of the whole process (every thread, native ones included: libtorch's workers too). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double deltaP(JsonObject report) {
    return Bench.round(report.getAsJsonObject("cheese-vector").getAsJsonObject("conditions")
        .getAsJsonObject("cheese_vector").getAsJsonObject("delta_p_cheese").get("mean").getAsDouble(), 5);
  }

  private static double fvu(JsonObject report) {
    return Bench.round(report.getAsJsonObject("sae").getAsJsonObject("held_out").get("fvu").getAsDouble(), 4);
  }
}

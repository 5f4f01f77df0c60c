package dev.kibitz.orchestrator.mesh;

import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import java.util.List;

/**
 * What an SAE step ({@code train-sae}, {@code sweep-sae}) trains on and how it is measured: a captured
 * hook (of a maze or a chess capture), how many held-out mazes or positions per Elo level, and how long
 * the mesh waits for the sae-service per SAE.
 */
record SaeSource(String capture, boolean chess, String hook, int heldOut, long timeoutSeconds) {
  /** Reads {@code capture}, {@code hook}, {@code held-out-mazes} or {@code -per-elo}, {@code timeout-minutes}. */
  static SaeSource read(Params p, StepCheck check) {
    Upstream.CapturedHook h = Upstream.capturedHook(p, check, List.of(CaptureStep.NAME, CaptureChessStep.NAME));
    boolean chess = h.type().equals(CaptureChessStep.NAME);
    int heldOut = chess ? (int) p.integer("held-out-per-elo", 25, 1, 10_000)
        : (int) p.integer("held-out-mazes", 20, 1, 10_000);
    return new SaeSource(h.step(), chess, h.hook(), heldOut, p.integer("timeout-minutes", 120, 1, 7 * 24 * 60) * 60);
  }

  /** On the mesh the sae-service trains: an SAE step then only asks, waits and measures, taking no worker. */
  static boolean needsWorker(java.util.function.Function<Class<?>, Object> services) {
    return !((Services) services.apply(Services.class)).saesTrainedElsewhere();
  }

  /** The captured hook's dataset id, from the capture step's output. */
  String dataset(com.google.gson.JsonObject captureOutput) {
    return captureOutput.getAsJsonObject("datasets").get(hook).getAsString();
  }

  /** The name the step's output gives the held-out count. */
  String heldOutKey() {
    return chess ? "held_out_per_elo" : "held_out_mazes";
  }
}

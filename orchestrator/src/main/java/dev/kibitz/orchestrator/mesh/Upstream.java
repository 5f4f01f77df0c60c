package dev.kibitz.orchestrator.mesh;

import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.spec.StepSpec;
import dev.kibitz.orchestrator.step.StepCheck;
import java.util.List;
import java.util.Optional;

/** Reading a capture step and one of its hooks from a later step's parameters. */
final class Upstream {
  private Upstream() {}

  /** A capture step's name, its type, and one of the hooks it captures. */
  record CapturedHook(String step, String type, String hook) {}

  /**
   * Reads {@code capture} (a step of one of {@code captureTypes} that this step needs) and {@code hook} (one it captures; optional
   * when it captures exactly one).
   */
  static CapturedHook capturedHook(Params p, StepCheck check, List<String> captureTypes) {
    Optional<StepSpec> capture = check.upstream("capture", captureTypes);
    List<String> hooks = capture.map(Upstream::hooks).orElse(List.of());
    String hook;
    if (p.has("hook") || hooks.size() != 1) {
      hook = p.string("hook");
      if (capture.isPresent() && !hook.isEmpty() && !hooks.contains(hook)) {
        p.problem("hook", "step '" + capture.get().name() + "' does not capture '" + hook + "' (it captures "
            + String.join(", ", hooks) + ")");
      }
    } else {
      hook = hooks.get(0);
    }
    return new CapturedHook(capture.map(StepSpec::name).orElse(""), capture.map(StepSpec::type).orElse(""), hook);
  }

  private static List<String> hooks(StepSpec capture) {
    Object h = capture.params().get("hooks");
    if (h instanceof String s) {
      return List.of(s);
    }
    return h instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }
}

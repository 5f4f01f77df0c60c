package dev.kibitz.orchestrator.step;

import com.google.gson.JsonObject;
import dev.kibitz.orchestrator.spec.Params;

/**
 * A kind of step: it checks its parameters into a typed config before anything runs, then runs that
 * config. A step's output is JSON (numbers, dataset and artifact ids) that later steps and the report
 * read; it is cached by the digest of the step's inputs, so it must depend on nothing else.
 *
 * @param <C> the typed, checked parameters
 */
public interface StepType<C> {
  /** The name used as {@code type:} in specs. */
  String name();

  /** One line for {@code kibitz run --help} and the docs. */
  String description();

  /** Bumped whenever the same parameters would produce a different output: it invalidates old cache entries. */
  default int version() {
    return 1;
  }

  /**
   * Reads and checks the parameters, recording every problem through {@code params} or {@code check};
   * returns a config (possibly built from fallbacks when there were problems: it is then discarded).
   */
  C configure(Params params, StepCheck check);

  /**
   * Whether the step takes one of the runner's {@code parallelism} workers. A step that only waits for
   * another service to do the work (the probe service, say) does not: it runs beside them, so the
   * workers stay free for steps that compute in the orchestrator. {@code services} finds a service by type.
   */
  default boolean takesWorker(java.util.function.Function<Class<?>, Object> services) {
    return true;
  }

  /** Runs the step; {@code ctx} gives its dependencies' outputs, the services, progress and cancellation. */
  JsonObject run(C config, StepContext ctx) throws Exception;
}

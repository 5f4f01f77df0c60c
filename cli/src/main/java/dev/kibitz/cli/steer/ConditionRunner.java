package dev.kibitz.cli.steer;

import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.EvaluateUpdate;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.steering.LocalSteeringStack;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * Runs an experiment's conditions through the steering service one after another, with one
 * progress bar over every maze of every condition.
 */
final class ConditionRunner {
  private ConditionRunner() {}

  /**
   * @param results each condition's result by key, in condition order
   * @param kept the streamed rows (vector fields included) that {@code keep} asked for
   */
  record Ran(Map<String, EvaluateResult> results, List<MazeRow> kept) {}

  static Ran run(LocalSteeringStack services, String label, List<Condition> conditions,
      BiPredicate<Condition, MazeRow> keep) {
    int total = conditions.stream().mapToInt(c -> c.request().getCasesCount()).sum();
    Map<String, EvaluateResult> results = new LinkedHashMap<>();
    List<MazeRow> kept = new ArrayList<>();
    ProgressBar bar = new ProgressBar(label, total);
    int done = 0;
    for (Condition c : conditions) {
      for (Iterator<EvaluateUpdate> it = services.stub(30, TimeUnit.MINUTES).evaluate(c.request()); it.hasNext(); ) {
        EvaluateUpdate u = it.next();
        if (u.hasMaze()) {
          bar.update(++done, c.key());
          if (keep.test(c, u.getMaze())) {
            kept.add(u.getMaze());
          }
        } else {
          results.put(c.key(), u.getResult());
        }
      }
    }
    return new Ran(results, kept);
  }
}

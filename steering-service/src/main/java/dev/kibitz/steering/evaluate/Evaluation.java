package dev.kibitz.steering.evaluate;

import dev.kibitz.core.KibitzException;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.EvaluateSummary;
import dev.kibitz.proto.v1.EvaluationProvenance;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.steering.model.ModelAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs an evaluation: checks the whole request first (so a bad maze or selector fails before any
 * work), then each maze in turn, handing each finished row to the caller, and summarizes.
 */
public final class Evaluation {
  private final ModelAccess models;

  public Evaluation(ModelAccess models) {
    this.models = models;
  }

  /**
   * @param onRow gets each maze's row, vector fields included, as soon as it is done
   * @param cancelled polled between mazes; when true the run stops with CANCELLED
   */
  public EvaluateResult run(EvaluateRequest request, Consumer<MazeRow> onRow, BooleanSupplier cancelled) {
    if (request.getCasesCount() == 0) {
      throw KibitzException.invalid("cases: give at least one maze");
    }
    String checkpoint = models.checkpoint(request.getModel(), request.getCheckpoint());
    long[] hookShape = models.hookShape(request.getModel(), request.getApplication().getHook());
    List<MazeRun> runs = new ArrayList<>();
    for (int i = 0; i < request.getCasesCount(); i++) {
      MazeCase c = request.getCases(i);
      if (c.hasSource()) {
        dev.kibitz.modelserver.games.MazeStates.maze(c.getSource(), "cases[" + i + "].source");
      }
      runs.add(new MazeRun(i, c));
    }
    Applications applications = new Applications(models, request.getModel(), checkpoint, request.getApplication(),
        hookShape);
    applications.check(request.getCasesList());
    HookGrid grid = request.getApplication().hasRetarget()
        ? HookGrid.of(hookShape, request.getApplication().getHook()) : null;

    List<MazeRow> rows = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      if (cancelled.getAsBoolean()) {
        throw new KibitzException(KibitzException.Reason.CANCELLED, "evaluation cancelled after " + i + " mazes");
      }
      MazeRun run = runs.get(i);
      Applications.Applied applied = applications.forCase(i, request.getCases(i), run.squares());
      var states = run.states();
      float[][] before = models.actionProbabilities(request.getModel(), checkpoint, List.of(), states);
      float[][] after = models.actionProbabilities(request.getModel(), checkpoint, applied.interventions(), states,
          applied.perSquare());
      MazeRow row = run.row(before, after, applied.vectorNorm(), grid);
      onRow.accept(row);
      rows.add(row.toBuilder().clearFieldUnpatched().clearFieldPatched().build());
    }
    return EvaluateResult.newBuilder().addAllRows(rows).setSummary(summary(rows))
        .setProvenance(EvaluationProvenance.newBuilder().setModel(request.getModel()).setCheckpoint(checkpoint)
            .setApplication(request.getApplication()))
        .build();
  }

  static EvaluateSummary summary(List<MazeRow> rows) {
    List<Double> dCheese = new ArrayList<>();
    List<Double> dCorner = new ArrayList<>();
    List<Double> before = new ArrayList<>();
    List<Double> after = new ArrayList<>();
    int rollouts = 0;
    int cheeseBefore = 0;
    int cheeseAfter = 0;
    int[] targets = new int[4];
    List<Double> moved = new ArrayList<>();
    for (MazeRow r : rows) {
      moved.add(r.getMeanAbsDeltaP());
      if (r.hasDecisionSquare()) {
        dCheese.add((double) r.getPCheesePatched() - r.getPCheeseUnpatched());
        dCorner.add((double) r.getPTopRightPatched() - r.getPTopRightUnpatched());
        before.add((double) r.getPCheeseUnpatched());
        after.add((double) r.getPCheesePatched());
      }
      if (r.hasRolloutUnpatched()) {
        rollouts++;
        cheeseBefore += r.getRolloutUnpatched().getReachedCheese() ? 1 : 0;
        cheeseAfter += r.getRolloutPatched().getReachedCheese() ? 1 : 0;
        targets[0] += r.getRolloutUnpatched().getReachedTarget() ? 1 : 0;
        targets[1] += r.getRolloutPatched().getReachedTarget() ? 1 : 0;
        targets[2] += r.getRolloutUnpatched().getReachedTargetCell() ? 1 : 0;
        targets[3] += r.getRolloutPatched().getReachedTargetCell() ? 1 : 0;
      }
    }
    return EvaluateSummary.newBuilder().setMazes(rows.size()).setWithDecisionSquare(dCheese.size())
        .setDeltaPCheese(Distributions.of(dCheese)).setDeltaPTopRight(Distributions.of(dCorner))
        .setPCheeseUnpatched(Distributions.of(before)).setPCheesePatched(Distributions.of(after))
        .setRollouts(rollouts).setReachedCheeseUnpatched(cheeseBefore).setReachedCheesePatched(cheeseAfter)
        .setMeanAbsDeltaP(Distributions.of(moved)).setReachedTargetUnpatched(targets[0])
        .setReachedTargetPatched(targets[1]).setReachedTargetCellUnpatched(targets[2])
        .setReachedTargetCellPatched(targets[3]).build();
  }
}

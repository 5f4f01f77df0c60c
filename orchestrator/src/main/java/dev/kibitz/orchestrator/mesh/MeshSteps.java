package dev.kibitz.orchestrator.mesh;

import dev.kibitz.orchestrator.step.StepTypes;
import java.util.List;

/** Every step type that runs over the mesh. */
public final class MeshSteps {
  private MeshSteps() {}

  public static StepTypes all() {
    return new StepTypes(List.of(new CaptureStep(), new CaptureChessStep(), new TrainProbesStep(), new TrainSaeStep(),
        new SweepSaeStep(), new ConceptsByEloStep(), new FineTuneHeadStep(), new SteerSaeFeaturesStep(),
        new SteerCheeseVectorStep(), new BehaviourViewsStep(), new ReportStep()));
  }
}

package dev.kibitz.orchestrator.grpc;

import dev.kibitz.orchestrator.run.RunEvent;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.proto.v1.RunPhase;
import dev.kibitz.proto.v1.RunStatus;
import dev.kibitz.proto.v1.StepPhase;
import dev.kibitz.proto.v1.StepStatus;

/** Run records and events in their wire form. */
public final class RunProtos {
  private RunProtos() {}

  public static RunStatus toProto(RunRecord r) {
    RunStatus.Builder b = RunStatus.newBuilder().setRunId(r.id()).setExperiment(r.experiment())
        .setPhase(RunPhase.valueOf("RUN_PHASE_" + r.state().name())).setMessage(r.message()).setReport(r.report())
        .setCreatedUnixMillis(r.createdAt().toEpochMilli()).setUpdatedUnixMillis(r.updatedAt().toEpochMilli())
        .setSpecYaml(r.spec());
    for (RunRecord.StepRecord s : r.steps()) {
      b.addSteps(StepStatus.newBuilder().setName(s.name()).setType(s.type())
          .setPhase(StepPhase.valueOf("STEP_PHASE_" + s.state().name())).setProgress(s.progress())
          .setMessage(s.message()).setDigest(s.digest())
          .setStartedUnixMillis(s.startedAt() == null ? 0 : s.startedAt().toEpochMilli())
          .setFinishedUnixMillis(s.finishedAt() == null ? 0 : s.finishedAt().toEpochMilli()));
    }
    return b.build();
  }

  public static dev.kibitz.proto.v1.RunEvent toProto(RunEvent e) {
    return dev.kibitz.proto.v1.RunEvent.newBuilder().setStep(e.step() == null ? "" : e.step()).setState(e.state())
        .setProgress(e.progress()).setMessage(e.message()).setUnixMillis(e.at().toEpochMilli()).build();
  }
}

package dev.kibitz.orchestrator.grpc;

import dev.kibitz.orchestrator.run.ExperimentRunner;
import dev.kibitz.orchestrator.run.RunListener;
import dev.kibitz.orchestrator.spec.InvalidSpecException;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.orchestrator.state.RunState;
import dev.kibitz.proto.v1.ListRunsRequest;
import dev.kibitz.proto.v1.ListRunsResponse;
import dev.kibitz.proto.v1.OrchestratorServiceGrpc;
import dev.kibitz.proto.v1.RunRequest;
import dev.kibitz.proto.v1.RunStatus;
import dev.kibitz.proto.v1.RunUpdate;
import dev.kibitz.proto.v1.SpecProblem;
import dev.kibitz.proto.v1.SubmitRequest;
import dev.kibitz.proto.v1.SubmitResponse;
import dev.kibitz.proto.v1.ValidateResponse;
import dev.kibitz.proto.v1.WatchRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** The orchestrator's gRPC API over an {@link ExperimentRunner}; every bad request is a status, never a crash. */
public final class OrchestratorServiceAdapter extends OrchestratorServiceGrpc.OrchestratorServiceImplBase {
  private static final int MAX_SPEC_CHARS = 1 << 20;
  private final ExperimentRunner runner;

  public OrchestratorServiceAdapter(ExperimentRunner runner) {
    this.runner = runner;
  }

  @Override
  public void validate(SubmitRequest request, StreamObserver<ValidateResponse> out) {
    if (!checkSpec(request, out)) {
      return;
    }
    ValidateResponse.Builder b = ValidateResponse.newBuilder();
    try {
      runner.validator().validate(request.getSpecYaml(), source(request));
    } catch (InvalidSpecException e) {
      e.problems().forEach(p -> b.addProblems(SpecProblem.newBuilder().setWhere(p.where()).setMessage(p.message())));
    }
    out.onNext(b.build());
    out.onCompleted();
  }

  @Override
  public void submit(SubmitRequest request, StreamObserver<SubmitResponse> out) {
    if (!checkSpec(request, out)) {
      return;
    }
    try {
      String id = runner.submit(request.getSpecYaml(), source(request)).runId();
      out.onNext(SubmitResponse.newBuilder().setRunId(id).build());
      out.onCompleted();
    } catch (InvalidSpecException e) {
      out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
    }
  }

  @Override
  public void watch(WatchRequest request, StreamObserver<RunUpdate> out) {
    ServerCallStreamObserver<RunUpdate> call = (ServerCallStreamObserver<RunUpdate>) out;
    String id = request.getRunId();
    // listen before reading the snapshot, so no event falls between the two
    RunListener listener = new RunListener() {
      @Override
      public void onEvent(dev.kibitz.orchestrator.run.RunEvent e) {
        if (!e.runId().equals(id)) {
          return;
        }
        synchronized (call) {
          if (call.isCancelled()) {
            return;
          }
          call.onNext(RunUpdate.newBuilder().setEvent(RunProtos.toProto(e)).build());
          if (e.isRunEvent() && RunState.valueOf(e.state()).isFinal()) {
            runner.removeListener(this);
            call.onCompleted();
          }
        }
      }
    };
    runner.addListener(listener);
    call.setOnCancelHandler(() -> runner.removeListener(listener));
    RunRecord r = runner.store().run(id).orElse(null);
    synchronized (call) {
      if (r == null) {
        runner.removeListener(listener);
        call.onError(Status.NOT_FOUND.withDescription("no run '" + id + "'").asRuntimeException());
        return;
      }
      call.onNext(RunUpdate.newBuilder().setStatus(RunProtos.toProto(r)).build());
      if (r.state().isFinal() || runner.handle(id).isEmpty()) {
        // ended, or not running in this orchestrator: the status is all there is to tell
        runner.removeListener(listener);
        call.onCompleted();
      }
    }
  }

  @Override
  public void cancel(RunRequest request, StreamObserver<RunStatus> out) {
    RunRecord r = runner.store().run(request.getRunId()).orElse(null);
    if (r == null) {
      out.onError(Status.NOT_FOUND.withDescription("no run '" + request.getRunId() + "'").asRuntimeException());
      return;
    }
    if (r.state().isFinal() || !runner.cancel(r.id())) {
      out.onError(Status.FAILED_PRECONDITION.withDescription("run '" + r.id() + "' is " + r.state()
          + ", not in progress here").asRuntimeException());
      return;
    }
    out.onNext(RunProtos.toProto(runner.store().run(r.id()).orElseThrow()));
    out.onCompleted();
  }

  @Override
  public void getRun(RunRequest request, StreamObserver<RunStatus> out) {
    RunRecord r = runner.store().run(request.getRunId()).orElse(null);
    if (r == null) {
      out.onError(Status.NOT_FOUND.withDescription("no run '" + request.getRunId() + "'").asRuntimeException());
      return;
    }
    out.onNext(RunProtos.toProto(r));
    out.onCompleted();
  }

  @Override
  public void listRuns(ListRunsRequest request, StreamObserver<ListRunsResponse> out) {
    int limit = request.getLimit() == 0 ? 50 : (int) Math.min(request.getLimit(), 1000);
    ListRunsResponse.Builder b = ListRunsResponse.newBuilder();
    runner.store().runs(limit).forEach(r -> b.addRuns(RunProtos.toProto(r)));
    out.onNext(b.build());
    out.onCompleted();
  }

  private static boolean checkSpec(SubmitRequest request, StreamObserver<?> out) {
    if (request.getSpecYaml().isBlank() || request.getSpecYaml().length() > MAX_SPEC_CHARS) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("spec_yaml must be non-empty YAML of at most "
          + MAX_SPEC_CHARS + " characters, got " + request.getSpecYaml().length()).asRuntimeException());
      return false;
    }
    return true;
  }

  private static String source(SubmitRequest request) {
    return request.getSource().isBlank() ? "spec" : request.getSource();
  }
}

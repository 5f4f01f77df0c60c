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
import java.util.ArrayList;
import java.util.List;

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
    Watcher w = new Watcher(request.getRunId(), (ServerCallStreamObserver<RunUpdate>) out);
    // listen before reading the snapshot, so that no event falls between the two
    runner.addListener(w);
    w.call.setOnCancelHandler(() -> runner.removeListener(w));
    w.start(runner.store().run(request.getRunId()).orElse(null));
  }

  /**
   * One Watch call: the run's status first, then its events until it ends. Events that arrive before
   * the status is sent wait for it, so the status is always the first message.
   */
  private final class Watcher implements RunListener {
    private final String runId;
    private final ServerCallStreamObserver<RunUpdate> call;
    private final List<dev.kibitz.orchestrator.run.RunEvent> early = new ArrayList<>();
    private boolean statusSent;
    private boolean ended;

    Watcher(String runId, ServerCallStreamObserver<RunUpdate> call) {
      this.runId = runId;
      this.call = call;
    }

    @Override
    public void onEvent(dev.kibitz.orchestrator.run.RunEvent e) {
      if (!e.runId().equals(runId)) {
        return;
      }
      synchronized (this) {
        if (statusSent) {
          send(e);
        } else {
          early.add(e);
        }
      }
    }

    synchronized void start(RunRecord r) {
      if (r == null) {
        end(Status.NOT_FOUND.withDescription("no run '" + runId + "'").asRuntimeException());
        return;
      }
      call.onNext(RunUpdate.newBuilder().setStatus(RunProtos.toProto(r)).build());
      statusSent = true;
      if (r.state().isFinal() || runner.handle(runId).isEmpty()) {
        end(null); // ended, or not running in this orchestrator: the status is all there is to tell
        return;
      }
      early.forEach(this::send);
      early.clear();
    }

    private void send(dev.kibitz.orchestrator.run.RunEvent e) {
      if (ended || call.isCancelled()) {
        return;
      }
      call.onNext(RunUpdate.newBuilder().setEvent(RunProtos.toProto(e)).build());
      if (e.isRunEvent() && RunState.valueOf(e.state()).isFinal()) {
        end(null);
      }
    }

    private void end(RuntimeException error) {
      ended = true;
      runner.removeListener(this);
      if (error == null) {
        call.onCompleted();
      } else {
        call.onError(error);
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

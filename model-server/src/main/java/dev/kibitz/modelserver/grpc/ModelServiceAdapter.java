package dev.kibitz.modelserver.grpc;

import dev.kibitz.core.model.ModelEntry;
import dev.kibitz.core.wire.GrpcStatuses;
import dev.kibitz.core.wire.SpecProtos;
import dev.kibitz.core.modelpackage.PackagedModel;
import dev.kibitz.core.modelpackage.ParityReport;
import dev.kibitz.modelserver.forward.ForwardService;
import dev.kibitz.modelserver.packages.ModelPackages;
import dev.kibitz.proto.v1.AddModelRequest;
import dev.kibitz.proto.v1.AddModelResponse;
import dev.kibitz.proto.v1.CheckParityRequest;
import dev.kibitz.proto.v1.TensorParity;
import dev.kibitz.proto.v1.DescribeModelRequest;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.ForwardResponse;
import dev.kibitz.proto.v1.ListModelsRequest;
import dev.kibitz.proto.v1.ListModelsResponse;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.ModelServiceGrpc;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/** gRPC adapter of {@link ForwardService}: converts messages and maps errors, nothing else. */
final class ModelServiceAdapter extends ModelServiceGrpc.ModelServiceImplBase {
  private final ForwardService service;
  private final ModelPackages packages;
  private final Executor worker;
  private final int defaultChunkBytes;
  private final int maxRequestBytes;
  private final Set<ForwardCall> calls = ConcurrentHashMap.newKeySet();

  ModelServiceAdapter(ForwardService service, ModelPackages packages, Executor worker, int defaultChunkBytes,
      int maxRequestBytes) {
    this.service = service;
    this.packages = packages;
    this.worker = worker;
    this.defaultChunkBytes = defaultChunkBytes;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> out) {
    ListModelsResponse.Builder b = ListModelsResponse.newBuilder();
    for (ModelEntry e : service.listModels()) {
      b.addModels(SpecProtos.summary(e));
    }
    out.onNext(b.build());
    out.onCompleted();
  }

  @Override
  public void describeModel(DescribeModelRequest request, StreamObserver<ModelDescription> out) {
    try {
      ForwardService.Described d = service.describe(request.getModel());
      out.onNext(SpecProtos.describe(d.entry(), d.model()));
      out.onCompleted();
    } catch (RuntimeException e) {
      out.onError(GrpcStatuses.of(e).asRuntimeException());
    }
  }

  @Override
  public void addModel(AddModelRequest request, StreamObserver<AddModelResponse> out) {
    try {
      PackagedModel model = packages.add(Path.of(request.getPath()), request.getAllowParityFailure());
      ForwardService.Described d = service.describe(model.name());
      AddModelResponse.Builder b = AddModelResponse.newBuilder().setDescription(SpecProtos.describe(d.entry(), model));
      if (model.parity() != null) {
        b.setParity(parity(model.parity()));
      }
      out.onNext(b.build());
      out.onCompleted();
    } catch (RuntimeException e) {
      out.onError(GrpcStatuses.of(e).asRuntimeException());
    }
  }

  @Override
  public void checkParity(CheckParityRequest request, StreamObserver<dev.kibitz.proto.v1.ParityReport> out) {
    try {
      out.onNext(parity(packages.checkParity(request.getModel())));
      out.onCompleted();
    } catch (RuntimeException e) {
      out.onError(GrpcStatuses.of(e).asRuntimeException());
    }
  }

  static dev.kibitz.proto.v1.ParityReport parity(ParityReport r) {
    dev.kibitz.proto.v1.ParityReport.Builder b = dev.kibitz.proto.v1.ParityReport.newBuilder().setPassed(r.passed())
        .setAbsTolerance(r.absTolerance()).setRelTolerance(r.relTolerance()).setMaxAbsError(r.maxAbsError())
        .setMaxRelError(r.maxRelError()).setSummary(r.summary());
    for (ParityReport.Comparison c : r.comparisons()) {
      b.addTensors(TensorParity.newBuilder().setName(c.name()).setMaxAbsError(c.maxAbsError())
          .setMaxRelError(c.maxRelError()).setPassed(c.passed()));
    }
    return b.build();
  }

  @Override
  public StreamObserver<ForwardRequest> forward(StreamObserver<ForwardResponse> responses) {
    ServerCallStreamObserver<ForwardResponse> out = (ServerCallStreamObserver<ForwardResponse>) responses;
    ForwardCall[] self = new ForwardCall[1];
    ForwardCall call = new ForwardCall(service, worker, out, defaultChunkBytes, maxRequestBytes,
        () -> calls.remove(self[0]));
    self[0] = call;
    calls.add(call);
    call.start();
    return call;
  }

  /** Asks every open Forward stream to finish its batch in flight and close. */
  void shutdownCalls() {
    calls.forEach(ForwardCall::shutdown);
  }

  int openCalls() {
    return calls.size();
  }
}

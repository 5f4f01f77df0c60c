package dev.kibitz.steering.grpc;

import dev.kibitz.core.wire.GrpcStatuses;
import dev.kibitz.proto.v1.BuildVectorRequest;
import dev.kibitz.proto.v1.CheeseChannelRanking;
import dev.kibitz.proto.v1.RankCheeseChannelsRequest;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.EvaluateUpdate;
import dev.kibitz.proto.v1.SteeringServiceGrpc;
import dev.kibitz.proto.v1.SteeringVector;
import dev.kibitz.steering.channels.ChannelRanker;
import dev.kibitz.steering.evaluate.Evaluation;
import dev.kibitz.steering.vector.VectorBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * SteeringService over gRPC: a thin adapter around {@link VectorBuilder} and {@link Evaluation}.
 * Work runs on the service's executor, never on a transport thread; every failure becomes a status
 * through {@link GrpcStatuses}, so no request can take the server down.
 */
final class SteeringServiceAdapter extends SteeringServiceGrpc.SteeringServiceImplBase {
  private final VectorBuilder vectors;
  private final Evaluation evaluation;
  private final ChannelRanker ranker;
  private final ExecutorService work;

  SteeringServiceAdapter(VectorBuilder vectors, Evaluation evaluation, ChannelRanker ranker, ExecutorService work) {
    this.vectors = vectors;
    this.evaluation = evaluation;
    this.ranker = ranker;
    this.work = work;
  }

  @Override
  public void buildVector(BuildVectorRequest request, StreamObserver<SteeringVector> out) {
    unary(() -> vectors.build(request), out);
  }

  @Override
  public void rankCheeseChannels(RankCheeseChannelsRequest request, StreamObserver<CheeseChannelRanking> out) {
    unary(() -> ranker.rank(request), out);
  }

  private <T> void unary(Supplier<T> call, StreamObserver<T> out) {
    work.execute(() -> {
      try {
        T answer = call.get();
        out.onNext(answer);
        out.onCompleted();
      } catch (RuntimeException e) {
        out.onError(GrpcStatuses.of(e).asRuntimeException());
      }
    });
  }

  /**
   * One update per maze, then the result. Before each message the worker waits until the
   * transport is ready, so a slow client holds back the evaluation instead of buffering rows;
   * a cancelled call stops at the next maze.
   */
  @Override
  public void evaluate(EvaluateRequest request, StreamObserver<EvaluateUpdate> plain) {
    ServerCallStreamObserver<EvaluateUpdate> out = (ServerCallStreamObserver<EvaluateUpdate>) plain;
    AtomicBoolean cancelled = new AtomicBoolean();
    Object ready = new Object();
    out.setOnCancelHandler(() -> {
      cancelled.set(true);
      synchronized (ready) {
        ready.notifyAll();
      }
    });
    out.setOnReadyHandler(() -> {
      synchronized (ready) {
        ready.notifyAll();
      }
    });
    int total = request.getCasesCount();
    work.execute(() -> {
      AtomicInteger done = new AtomicInteger();
      try {
        EvaluateResult result = evaluation.run(request, row -> {
          awaitReady(out, ready, cancelled);
          out.onNext(EvaluateUpdate.newBuilder().setMaze(row).setDone(done.incrementAndGet()).setTotal(total).build());
        }, cancelled::get);
        awaitReady(out, ready, cancelled);
        out.onNext(EvaluateUpdate.newBuilder().setResult(result).setDone(done.get()).setTotal(total).build());
        out.onCompleted();
      } catch (RuntimeException e) {
        if (!cancelled.get()) {
          out.onError(GrpcStatuses.of(e).asRuntimeException());
        }
      }
    });
  }

  private static void awaitReady(ServerCallStreamObserver<?> out, Object ready, AtomicBoolean cancelled) {
    synchronized (ready) {
      while (!out.isReady() && !cancelled.get()) {
        try {
          ready.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          cancelled.set(true);
        }
      }
    }
  }
}

package dev.kibitz.store.grpc;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.wire.GrpcStatuses;
import com.google.protobuf.ByteString;
import dev.kibitz.proto.v1.ActivationStoreGrpc;
import dev.kibitz.proto.v1.Artifact;
import dev.kibitz.proto.v1.ArtifactHeader;
import dev.kibitz.proto.v1.BatchHeader;
import dev.kibitz.proto.v1.GetArtifactRequest;
import dev.kibitz.proto.v1.GetArtifactResponse;
import dev.kibitz.proto.v1.ListArtifactsRequest;
import dev.kibitz.proto.v1.ListArtifactsResponse;
import dev.kibitz.proto.v1.PutArtifactRequest;
import dev.kibitz.proto.v1.BatchInfo;
import dev.kibitz.proto.v1.CreateDatasetRequest;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.proto.v1.DatasetDetail;
import dev.kibitz.proto.v1.GetDatasetRequest;
import dev.kibitz.proto.v1.ListDatasetsRequest;
import dev.kibitz.proto.v1.ListDatasetsResponse;
import dev.kibitz.proto.v1.ReadBatchRequest;
import dev.kibitz.proto.v1.ReadBatchResponse;
import dev.kibitz.proto.v1.SealDatasetRequest;
import dev.kibitz.proto.v1.WriteBatchRequest;
import dev.kibitz.store.ActivationStore;
import dev.kibitz.store.Upload;
import dev.kibitz.store.catalog.ArtifactRecord;
import dev.kibitz.store.catalog.BatchRecord;
import dev.kibitz.store.catalog.DatasetRecord;
import dev.kibitz.store.wire.StoreProtos;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** ActivationStore over gRPC: a thin translation to {@link ActivationStore}; errors become statuses. */
public final class ActivationStoreAdapter extends ActivationStoreGrpc.ActivationStoreImplBase {
  private final ActivationStore store;
  private final int chunkBytes;

  public ActivationStoreAdapter(ActivationStore store, int chunkBytes) {
    this.store = store;
    this.chunkBytes = chunkBytes;
  }

  @Override
  public void createDataset(CreateDatasetRequest request, StreamObserver<Dataset> out) {
    unary(out, () -> StoreProtos.dataset(store.createDataset(StoreProtos.spec(request))));
  }

  @Override
  public StreamObserver<WriteBatchRequest> writeBatch(StreamObserver<BatchInfo> out) {
    UploadCall.Protocol<WriteBatchRequest, BatchRecord, BatchInfo> batches = new UploadCall.Protocol<>() {
      @Override
      public Upload<BatchRecord> begin(WriteBatchRequest r) {
        if (!r.hasHeader()) {
          return null;
        }
        BatchHeader h = r.getHeader();
        return store.beginBatch(required(h.getDatasetId(), "dataset_id"), h.getBatchId(), h.getRows());
      }

      @Override
      public ByteString data(WriteBatchRequest r) {
        return r.getPartCase() == WriteBatchRequest.PartCase.DATA ? r.getData() : null;
      }

      @Override
      public BatchInfo reply(BatchRecord record) {
        return StoreProtos.batch(record, store.uri(record));
      }
    };
    return new UploadCall<>("WriteBatch", "batch", batches, out);
  }

  @Override
  public void readBatch(ReadBatchRequest request, StreamObserver<ReadBatchResponse> out) {
    ShardSender.start(() -> store.openBatch(required(request.getDatasetId(), "dataset_id"), request.getBatchIndex()),
        b -> ReadBatchResponse.newBuilder().setInfo(StoreProtos.batch(b, store.uri(b))).build(),
        data -> ReadBatchResponse.newBuilder().setData(data).build(), out, chunkBytes);
  }

  @Override
  public StreamObserver<PutArtifactRequest> putArtifact(StreamObserver<Artifact> out) {
    UploadCall.Protocol<PutArtifactRequest, ArtifactRecord, Artifact> artifacts = new UploadCall.Protocol<>() {
      @Override
      public Upload<ArtifactRecord> begin(PutArtifactRequest r) {
        if (!r.hasHeader()) {
          return null;
        }
        ArtifactHeader h = r.getHeader();
        return store.beginArtifact(h.getKind(), h.getName(), h.getSourceDatasetId(), h.getAttributesMap(),
            h.getBytes());
      }

      @Override
      public ByteString data(PutArtifactRequest r) {
        return r.getPartCase() == PutArtifactRequest.PartCase.DATA ? r.getData() : null;
      }

      @Override
      public Artifact reply(ArtifactRecord record) {
        return StoreProtos.artifact(record, store.uri(record));
      }
    };
    return new UploadCall<>("PutArtifact", "artifact", artifacts, out);
  }

  @Override
  public void getArtifact(GetArtifactRequest request, StreamObserver<GetArtifactResponse> out) {
    ShardSender.start(() -> store.openArtifact(required(request.getKind(), "kind"), required(request.getName(),
        "name")), a -> GetArtifactResponse.newBuilder().setInfo(StoreProtos.artifact(a, store.uri(a))).build(),
        data -> GetArtifactResponse.newBuilder().setData(data).build(), out, chunkBytes);
  }

  @Override
  public void listArtifacts(ListArtifactsRequest request, StreamObserver<ListArtifactsResponse> out) {
    unary(out, () -> {
      ListArtifactsResponse.Builder b = ListArtifactsResponse.newBuilder();
      store.artifacts(request.getKind(), request.getSourceDatasetId()).forEach(a -> b.addArtifacts(
          StoreProtos.artifact(a, store.uri(a))));
      return b.build();
    });
  }

  @Override
  public void requestWork(dev.kibitz.proto.v1.RequestWorkRequest request,
      StreamObserver<dev.kibitz.proto.v1.WorkRequested> out) {
    unary(out, () -> store.requestWork(required(request.getDataset(), "dataset"), request.getKind(),
        request.getJob(), request.getSpecJson()));
  }

  @Override
  public void sealDataset(SealDatasetRequest request, StreamObserver<Dataset> out) {
    unary(out, () -> StoreProtos.dataset(store.seal(required(request.getDatasetId(), "dataset_id"))));
  }

  @Override
  public void getDataset(GetDatasetRequest request, StreamObserver<DatasetDetail> out) {
    unary(out, () -> {
      DatasetRecord d = store.dataset(required(request.getDataset(), "dataset"));
      DatasetDetail.Builder b = DatasetDetail.newBuilder().setDataset(StoreProtos.dataset(d));
      for (BatchRecord r : store.batches(d.id())) {
        b.addBatches(StoreProtos.batch(r, store.uri(r)));
      }
      return b.build();
    });
  }

  @Override
  public void listDatasets(ListDatasetsRequest request, StreamObserver<ListDatasetsResponse> out) {
    unary(out, () -> {
      ListDatasetsResponse.Builder b = ListDatasetsResponse.newBuilder();
      store.list(StoreProtos.query(request)).forEach(d -> b.addDatasets(StoreProtos.dataset(d)));
      return b.build();
    });
  }

  static String required(String value, String field) {
    if (value.isEmpty()) {
      throw KibitzException.invalid(field + " is required");
    }
    return value;
  }

  private static <T> void unary(StreamObserver<T> out, Supplier<T> call) {
    T reply;
    try {
      reply = call.get();
    } catch (RuntimeException e) {
      out.onError(GrpcStatuses.of(e).asRuntimeException());
      return;
    }
    out.onNext(reply);
    out.onCompleted();
  }
}

package dev.kibitz.store.client;

import com.google.protobuf.ByteString;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.proto.v1.ActivationStoreGrpc;
import dev.kibitz.proto.v1.Artifact;
import dev.kibitz.proto.v1.ArtifactHeader;
import dev.kibitz.proto.v1.GetArtifactRequest;
import dev.kibitz.proto.v1.GetArtifactResponse;
import dev.kibitz.proto.v1.ListArtifactsRequest;
import dev.kibitz.proto.v1.PutArtifactRequest;
import dev.kibitz.proto.v1.BatchHeader;
import dev.kibitz.proto.v1.BatchInfo;
import dev.kibitz.proto.v1.CreateDatasetRequest;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.proto.v1.DatasetDetail;
import dev.kibitz.proto.v1.GetDatasetRequest;
import dev.kibitz.proto.v1.ListDatasetsRequest;
import dev.kibitz.proto.v1.ReadBatchRequest;
import dev.kibitz.proto.v1.ReadBatchResponse;
import dev.kibitz.proto.v1.SealDatasetRequest;
import dev.kibitz.proto.v1.WriteBatchRequest;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.wire.StoreProtos;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * A blocking client for the activation store. Writes stream a batch in chunks, waiting for the
 * transport to be ready before each (so memory stays bounded); reads check the shard's sha256 before
 * returning anything. Every call carries a deadline.
 */
public final class ActivationStoreClient implements AutoCloseable {
  private static final int CHUNK_BYTES = 1 << 20;

  private final ManagedChannel channel;
  private final long deadlineSeconds;

  public ActivationStoreClient(String host, int port, long deadlineSeconds) {
    this.channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
    this.deadlineSeconds = deadlineSeconds;
  }

  private ActivationStoreGrpc.ActivationStoreBlockingStub blocking() {
    return ActivationStoreGrpc.newBlockingStub(channel).withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS);
  }

  private ActivationStoreGrpc.ActivationStoreStub async() {
    return ActivationStoreGrpc.newStub(channel).withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS);
  }

  public Dataset createDataset(DatasetSpec spec) {
    return createDataset(StoreProtos.request(spec));
  }

  /** As sent, unchecked on this side: the server validates. */
  public Dataset createDataset(CreateDatasetRequest request) {
    return blocking().createDataset(request);
  }

  public Dataset seal(String datasetId) {
    return blocking().sealDataset(SealDatasetRequest.newBuilder().setDatasetId(datasetId).build());
  }

  public DatasetDetail dataset(String idOrName) {
    return blocking().getDataset(GetDatasetRequest.newBuilder().setDataset(idOrName).build());
  }

  public List<Dataset> list(ListDatasetsRequest query) {
    return blocking().listDatasets(query).getDatasetsList();
  }

  /** Streams one batch: activations then each label in the dataset's declared order. */
  public BatchInfo writeBatch(String datasetId, String batchId, HostTensor activations, List<HostTensor> labels) {
    List<ByteBuffer> parts = new ArrayList<>();
    parts.add(activations.data());
    labels.forEach(l -> parts.add(l.data()));
    WriteBatchRequest header = WriteBatchRequest.newBuilder().setHeader(BatchHeader.newBuilder()
        .setDatasetId(datasetId).setBatchId(batchId).setRows(activations.shape()[0])).build();
    return writeRaw(header, parts);
  }

  /** Sends a header and the given bytes in chunks exactly as given (tests use it to send bad streams). */
  public BatchInfo writeRaw(WriteBatchRequest header, List<ByteBuffer> data) {
    return upload(async()::writeBatch,
        header, data, chunk -> WriteBatchRequest.newBuilder().setData(chunk).build());
  }

  /** A client-streamed upload: the header, then the data in chunks sent only while the transport is ready. */
  private static <Q, A> A upload(Function<StreamObserver<A>, StreamObserver<Q>> call, Q header, List<ByteBuffer> data,
      Function<ByteString, Q> dataMessage) {
    CompletableFuture<A> reply = new CompletableFuture<>();
    Object ready = new Object();
    ClientResponseObserver<Q, A> observer = new ClientResponseObserver<>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
        requestStream.setOnReadyHandler(() -> {
          synchronized (ready) {
            ready.notifyAll();
          }
        });
      }

      @Override
      public void onNext(A value) {
        reply.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        reply.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        reply.complete(null);
      }
    };
    ClientCallStreamObserver<Q> requests = (ClientCallStreamObserver<Q>) call.apply(observer);
    requests.onNext(header);
    for (ByteBuffer part : data) {
      ByteBuffer b = part.duplicate();
      while (b.hasRemaining() && !reply.isDone()) {
        awaitReady(requests, ready, reply);
        int n = Math.min(CHUNK_BYTES, b.remaining());
        ByteBuffer chunk = b.slice().limit(n);
        b.position(b.position() + n);
        requests.onNext(dataMessage.apply(ByteString.copyFrom(chunk)));
      }
    }
    if (!reply.isDone()) {
      requests.onCompleted();
    }
    return await(reply);
  }

  private static void awaitReady(ClientCallStreamObserver<?> requests, Object ready, CompletableFuture<?> reply) {
    synchronized (ready) {
      while (!requests.isReady() && !reply.isDone()) {
        try {
          ready.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          requests.cancel("interrupted", e);
          throw new IllegalStateException("interrupted while writing a batch", e);
        }
      }
    }
  }

  /** Stores an artifact (immutable; the same bytes again return the stored one). */
  public Artifact putArtifact(String kind, String name, String sourceDatasetId, Map<String, String> attributes,
      byte[] content) {
    PutArtifactRequest header = PutArtifactRequest.newBuilder().setHeader(ArtifactHeader.newBuilder().setKind(kind)
        .setName(name).setSourceDatasetId(sourceDatasetId == null ? "" : sourceDatasetId).putAllAttributes(attributes)
        .setBytes(content.length)).build();
    return upload(async()::putArtifact,
        header, List.of(ByteBuffer.wrap(content)), chunk -> PutArtifactRequest.newBuilder().setData(chunk).build());
  }

  /** An artifact's bytes, checked against the size and CRC32C the server sent first. */
  public byte[] getArtifact(String kind, String name) {
    Iterator<GetArtifactResponse> it = blocking().getArtifact(GetArtifactRequest.newBuilder().setKind(kind)
        .setName(name).build());
    Artifact info = it.next().getInfo();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) info.getBytes());
    while (it.hasNext()) {
      byte[] chunk = it.next().getData().toByteArray();
      bytes.write(chunk, 0, chunk.length);
    }
    return checked(bytes.toByteArray(), info.getBytes(), info.getCrc32C(), "artifact " + kind + "/" + name);
  }

  /** Asks for a job on a sealed dataset (see the store's RequestWork); returns the announcement. */
  public dev.kibitz.proto.v1.WorkRequested requestWork(String dataset, String kind, String job, String specJson) {
    return blocking().requestWork(dev.kibitz.proto.v1.RequestWorkRequest.newBuilder().setDataset(dataset)
        .setKind(kind).setJob(job).setSpecJson(specJson).build());
  }

  public List<Artifact> artifacts(String kind, String sourceDatasetId) {
    return blocking().listArtifacts(ListArtifactsRequest.newBuilder().setKind(kind == null ? "" : kind)
        .setSourceDatasetId(sourceDatasetId == null ? "" : sourceDatasetId).build()).getArtifactsList();
  }

  /** The shard's file bytes, checked against the size and CRC32C the server sent first. */
  public Shard readBatch(String datasetId, int batchIndex) {
    Iterator<ReadBatchResponse> it = blocking().readBatch(ReadBatchRequest.newBuilder().setDatasetId(datasetId)
        .setBatchIndex(batchIndex).build());
    BatchInfo info = it.next().getInfo();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) info.getBytes());
    while (it.hasNext()) {
      byte[] chunk = it.next().getData().toByteArray();
      bytes.write(chunk, 0, chunk.length);
    }
    byte[] file = checked(bytes.toByteArray(), info.getBytes(), info.getCrc32C(), "batch " + batchIndex + " of "
        + datasetId);
    return new Shard(info, file);
  }

  /** A read shard: its catalog entry and its safetensors bytes. */
  public record Shard(BatchInfo info, byte[] file) {
    public Safetensors.Contents contents() {
      try {
        return Safetensors.parse(ByteBuffer.wrap(file), info.getUri());
      } catch (IOException e) {
        throw KibitzException.dataLoss(e.getMessage());
      }
    }

    public HostTensor tensor(String name) {
      HostTensor t = contents().tensors().get(name);
      if (t == null) {
        throw KibitzException.notFound("shard " + info.getUri() + " has no tensor '" + name + "'");
      }
      return t;
    }
  }

  private static byte[] checked(byte[] file, long bytes, int crc32c, String what) {
    CRC32C crc = new CRC32C();
    crc.update(file);
    if (file.length != bytes || (int) crc.getValue() != crc32c) {
      throw KibitzException.dataLoss(what + ": received " + file.length + " bytes with CRC32C "
          + Long.toHexString(crc.getValue()) + ", expected " + bytes + " bytes, " + Integer.toHexString(crc32c));
    }
    return file;
  }

  private static <T> T await(CompletableFuture<T> reply) {
    try {
      return reply.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException s) {
        throw s;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
  }
}

package dev.kibitz.store.wire;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.proto.v1.Artifact;
import dev.kibitz.proto.v1.BatchInfo;
import dev.kibitz.proto.v1.BatchStored;
import dev.kibitz.proto.v1.CreateDatasetRequest;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.proto.v1.DatasetSealed;
import dev.kibitz.proto.v1.ListDatasetsRequest;
import dev.kibitz.proto.v1.StoreEvent;
import dev.kibitz.proto.v1.TensorSpec;
import dev.kibitz.store.catalog.ArtifactRecord;
import dev.kibitz.store.catalog.BatchRecord;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetQuery;
import dev.kibitz.store.catalog.DatasetRecord;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.DatasetState;
import dev.kibitz.store.catalog.LabelSpec;
import java.util.ArrayList;
import java.util.List;

/** Conversions between the store's domain records and its protobuf messages (gRPC and Kafka). */
public final class StoreProtos {
  private StoreProtos() {}

  public static DatasetSpec spec(CreateDatasetRequest r) {
    List<LabelSpec> labels = new ArrayList<>();
    for (TensorSpec t : r.getLabelsList()) {
      labels.add(new LabelSpec(t.getName(), dtype(t.getDtype(), "label '" + t.getName() + "'"),
          t.getShapeList().stream().mapToLong(Long::longValue).toArray()));
    }
    return new DatasetSpec(r.getName(), key(r.getKey()), dtype(r.getDtype(), "dataset dtype"),
        r.getRowShapeList().stream().mapToLong(Long::longValue).toArray(), labels, r.getAttributesMap());
  }

  public static CreateDatasetRequest request(DatasetSpec s) {
    CreateDatasetRequest.Builder b = CreateDatasetRequest.newBuilder().setName(s.name()).setKey(key(s.key()))
        .setDtype(s.dtype().proto()).putAllAttributes(s.attributes());
    for (long d : s.rowShape()) {
      b.addRowShape(d);
    }
    s.labels().forEach(l -> b.addLabels(label(l)));
    return b.build();
  }

  public static Dataset dataset(DatasetRecord d) {
    DatasetSpec s = d.spec();
    Dataset.Builder b = Dataset.newBuilder().setId(d.id()).setName(s.name()).setKey(key(s.key()))
        .setDtype(s.dtype().proto()).putAllAttributes(s.attributes())
        .setState(d.state() == DatasetState.OPEN ? dev.kibitz.proto.v1.DatasetState.DATASET_STATE_OPEN
            : dev.kibitz.proto.v1.DatasetState.DATASET_STATE_SEALED)
        .setRows(d.rows()).setBatches(d.batches()).setCreatedUnixMillis(d.createdAt())
        .setSealedUnixMillis(d.sealedAt());
    for (long x : s.rowShape()) {
      b.addRowShape(x);
    }
    s.labels().forEach(l -> b.addLabels(label(l)));
    return b.build();
  }

  public static BatchInfo batch(BatchRecord r, String uri) {
    return BatchInfo.newBuilder().setDatasetId(r.datasetId()).setBatchId(r.batchId()).setBatchIndex(r.batchIndex())
        .setRows(r.rows()).setBytes(r.bytes()).setSha256(r.sha256()).setCrc32C((int) r.crc32c()).setUri(uri)
        .setStoredUnixMillis(r.storedAt()).build();
  }

  public static Artifact artifact(ArtifactRecord a, String uri) {
    Artifact.Builder b = Artifact.newBuilder().setId(a.id()).setKind(a.kind()).setName(a.name())
        .putAllAttributes(a.attributes()).setBytes(a.bytes()).setSha256(a.sha256()).setCrc32C((int) a.crc32c())
        .setUri(uri).setCreatedUnixMillis(a.createdAt());
    if (a.sourceDatasetId() != null) {
      b.setSourceDatasetId(a.sourceDatasetId());
    }
    return b.build();
  }

  public static StoreEvent batchStored(DatasetRecord d, BatchRecord r, String uri) {
    Dataset ds = dataset(d);
    return StoreEvent.newBuilder().setBatchStored(BatchStored.newBuilder().setBatch(batch(r, uri))
        .setKey(ds.getKey()).setDtype(ds.getDtype()).addAllRowShape(ds.getRowShapeList())
        .addAllLabels(ds.getLabelsList())).build();
  }

  public static StoreEvent datasetSealed(DatasetRecord d) {
    return StoreEvent.newBuilder().setDatasetSealed(DatasetSealed.newBuilder().setDatasetId(d.id())
        .setKey(key(d.spec().key())).setBatches(d.batches()).setRows(d.rows())
        .setSealedUnixMillis(d.sealedAt())).build();
  }

  public static dev.kibitz.proto.v1.WorkRequested workRequested(DatasetRecord d, String kind, String job,
      String specJson, long millis) {
    return dev.kibitz.proto.v1.WorkRequested.newBuilder().setDatasetId(d.id()).setKey(key(d.spec().key()))
        .setKind(kind).setJob(job).setSpecJson(specJson).setRequestedUnixMillis(millis).build();
  }

  public static DatasetQuery query(ListDatasetsRequest r) {
    DatasetState state = switch (r.getState()) {
      case DATASET_STATE_OPEN -> DatasetState.OPEN;
      case DATASET_STATE_SEALED -> DatasetState.SEALED;
      default -> null;
    };
    return new DatasetQuery(r.getModel(), r.getCheckpoint(), r.getHook(), r.getInputSet(), r.getLabelNamesList(),
        state);
  }

  private static TensorSpec label(LabelSpec l) {
    TensorSpec.Builder b = TensorSpec.newBuilder().setName(l.name()).setDtype(l.dtype().proto());
    for (long d : l.shape()) {
      b.addShape(d);
    }
    return b.build();
  }

  private static DatasetKey key(dev.kibitz.proto.v1.DatasetKey k) {
    return new DatasetKey(k.getModel(), k.getCheckpoint(), k.getHook(), k.getInputSet());
  }

  private static dev.kibitz.proto.v1.DatasetKey key(DatasetKey k) {
    return dev.kibitz.proto.v1.DatasetKey.newBuilder().setModel(k.model()).setCheckpoint(k.checkpoint())
        .setHook(k.hook()).setInputSet(k.inputSet()).build();
  }

  private static DType dtype(dev.kibitz.proto.v1.DType d, String what) {
    DType t = DType.fromProtoOrNull(d);
    if (t == null) {
      throw KibitzException.invalid(what + ": dtype " + d + " is not a tensor dtype");
    }
    return t;
  }
}

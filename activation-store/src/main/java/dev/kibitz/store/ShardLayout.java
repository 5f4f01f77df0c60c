package dev.kibitz.store;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.core.tensor.Shapes;
import dev.kibitz.store.catalog.DatasetRecord;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.LabelSpec;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tensors of one shard file, in file order: {@value #ACTIVATIONS} [rows, ...row_shape], then
 * {@value #LABEL_PREFIX}name [rows, ...label shape] for each label in declared order. Metadata names
 * the dataset and batch so a shard read on its own (in Python, say) still says what it holds.
 */
public record ShardLayout(Map<String, long[]> shapes, Map<String, DType> dtypes, Map<String, String> metadata) {
  public static final String ACTIVATIONS = "activations";
  public static final String LABEL_PREFIX = "label.";

  public static ShardLayout of(DatasetRecord dataset, String batchId, long rows) {
    if (rows <= 0) {
      throw KibitzException.invalid("a batch needs at least one row, got " + rows);
    }
    DatasetSpec spec = dataset.spec();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    Map<String, DType> dtypes = new LinkedHashMap<>();
    shapes.put(ACTIVATIONS, Shapes.withBatch(rows, spec.rowShape()));
    dtypes.put(ACTIVATIONS, spec.dtype());
    for (LabelSpec l : spec.labels()) {
      shapes.put(LABEL_PREFIX + l.name(), Shapes.withBatch(rows, l.shape()));
      dtypes.put(LABEL_PREFIX + l.name(), l.dtype());
    }
    Map<String, String> metadata = new TreeMap<>();
    metadata.put("kibitz.dataset_id", dataset.id());
    metadata.put("kibitz.dataset", spec.name());
    metadata.put("kibitz.batch_id", batchId);
    metadata.put("kibitz.model", spec.key().model());
    metadata.put("kibitz.checkpoint", spec.key().checkpoint());
    metadata.put("kibitz.hook", spec.key().hook());
    metadata.put("kibitz.input_set", spec.key().inputSet());
    return new ShardLayout(shapes, dtypes, metadata);
  }

  /** Bytes of tensor data after the header. */
  public long dataBytes() {
    long n = 0;
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      n += Shapes.elements(e.getValue()) * dtypes.get(e.getKey()).byteSize();
    }
    return n;
  }

  /** The safetensors header (length prefix included) for this layout. */
  public ByteBuffer header() {
    return Safetensors.header(dtypes, shapes, metadata);
  }
}

package dev.kibitz.probe.service;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.probe.data.Activations;
import dev.kibitz.proto.v1.BatchInfo;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.proto.v1.DatasetDetail;
import dev.kibitz.store.ShardLayout;
import dev.kibitz.store.client.ActivationStoreClient;
import java.nio.FloatBuffer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sealed dataset's rows in memory: activations [rows, d] with each row's shape flattened (C order),
 * and the planned labels as doubles (BOOL as 0/1), row i of each describing the same input. Read batch
 * by batch in index order, each shard checked against the catalog's row count.
 */
record DatasetRows(Activations activations, Map<String, double[]> labels) {

  static DatasetRows read(ActivationStoreClient client, DatasetDetail detail, ProbePlan plan) {
    Dataset d = detail.getDataset();
    String what = "dataset '" + d.getName() + "'";
    long dim = d.getRowShapeList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
    long total = detail.getBatchesList().stream().mapToLong(BatchInfo::getRows).sum();
    if (total != d.getRows() || detail.getBatchesCount() != d.getBatches()) {
      throw new IllegalStateException(what + ": the catalog lists " + detail.getBatchesCount() + " batches of "
          + total + " rows, the dataset counts " + d.getBatches() + " batches of " + d.getRows() + " rows");
    }
    if (total == 0 || total * dim > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(what + ": " + total + " rows of " + dim + " values; probes need at least "
          + "one row and at most 2^31 values in memory");
    }
    int rows = (int) total;
    float[] x = new float[(int) (total * dim)];
    Map<String, double[]> labels = new LinkedHashMap<>();
    plan.labels().forEach(l -> labels.put(l.name(), new double[rows]));
    List<BatchInfo> batches = detail.getBatchesList().stream()
        .sorted(Comparator.comparingInt(BatchInfo::getBatchIndex)).toList();
    int at = 0;
    for (BatchInfo b : batches) {
      Map<String, HostTensor> tensors = client.readBatch(d.getId(), b.getBatchIndex()).contents().tensors();
      int n = (int) b.getRows();
      HostTensor a = require(tensors, ShardLayout.ACTIVATIONS, what, b);
      if (a.dtype() != DType.FLOAT32 || a.elements() != n * dim) {
        throw new IllegalStateException(what + " batch " + b.getBatchIndex() + ": activations are " + a + ", expected "
            + "FLOAT32 with " + n + " x " + dim + " values");
      }
      FloatBuffer f = a.data().asFloatBuffer();
      f.get(x, (int) (at * dim), (int) (n * dim));
      for (ProbePlan.Label l : plan.labels()) {
        HostTensor t = require(tensors, ShardLayout.LABEL_PREFIX + l.name(), what, b);
        if (t.dtype() != l.dtype() || t.elements() != n) {
          throw new IllegalStateException(what + " batch " + b.getBatchIndex() + ": label '" + l.name() + "' is " + t
              + ", expected " + l.dtype() + " with " + n + " values");
        }
        System.arraycopy(t.toDoubles(), 0, labels.get(l.name()), at, n);
      }
      at += n;
    }
    return new DatasetRows(new Activations(x, rows, (int) dim), labels);
  }

  private static HostTensor require(Map<String, HostTensor> tensors, String name, String what, BatchInfo b) {
    HostTensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalStateException(what + " batch " + b.getBatchIndex() + " (" + b.getUri() + ") has no tensor '"
          + name + "'; it holds " + tensors.keySet());
    }
    return t;
  }
}

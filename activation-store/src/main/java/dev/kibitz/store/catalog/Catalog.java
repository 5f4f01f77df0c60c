package dev.kibitz.store.catalog;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.DType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalog of datasets and their batches (shards), over JDBC. Every change that must be atomic
 * (appending a batch and counting it, sealing) runs in one transaction that locks the dataset row.
 */
public final class Catalog implements AutoCloseable {
  private static final Gson GSON = new Gson();
  private static final String DATASET_COLUMNS = "id, name, model, checkpoint, hook, input_set, dtype, row_shape, "
      + "labels, attributes, state, row_count, batch_count, created_at, sealed_at";
  private static final String BATCH_COLUMNS =
      "dataset_id, batch_id, batch_index, row_count, byte_count, sha256, crc32c, blob_key, stored_at";

  private final CatalogDatabase db;

  public Catalog(CatalogDatabase db) {
    this.db = db;
  }

  public DatasetRecord insertDataset(String id, DatasetSpec spec, long now) {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      if (findDataset(c, "name", spec.name()).isPresent()) {
        throw KibitzException.alreadyExists("a dataset named '" + spec.name() + "' already exists");
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO dataset (" + DATASET_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, NULL)")) {
        s.setString(1, id);
        s.setString(2, spec.name());
        s.setString(3, spec.key().model());
        s.setString(4, spec.key().checkpoint());
        s.setString(5, spec.key().hook());
        s.setString(6, spec.key().inputSet());
        s.setString(7, spec.dtype().name());
        s.setString(8, GSON.toJson(spec.rowShape()));
        s.setString(9, labelsJson(spec.labels()));
        s.setString(10, GSON.toJson(spec.attributes()));
        s.setString(11, DatasetState.OPEN.name());
        s.setLong(12, now);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO dataset_label (dataset_id, name) VALUES (?, ?)")) {
        for (LabelSpec l : spec.labels()) {
          s.setString(1, id);
          s.setString(2, l.name());
          s.addBatch();
        }
        s.executeBatch();
      }
      c.commit();
      return new DatasetRecord(id, spec, DatasetState.OPEN, 0, 0, now, 0);
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw KibitzException.alreadyExists("a dataset named '" + spec.name() + "' already exists");
      }
      throw failure("create dataset '" + spec.name() + "'", e);
    }
  }

  /** Finds a dataset by id, or else by name. */
  public Optional<DatasetRecord> findDataset(String idOrName) {
    try (Connection c = db.connect()) {
      Optional<DatasetRecord> byId = findDataset(c, "id", idOrName);
      return byId.isPresent() ? byId : findDataset(c, "name", idOrName);
    } catch (SQLException e) {
      throw failure("look up dataset '" + idOrName + "'", e);
    }
  }

  public DatasetRecord requireDataset(String idOrName) {
    return findDataset(idOrName).orElseThrow(() -> KibitzException.notFound("no dataset '" + idOrName + "'"));
  }

  public List<DatasetRecord> listDatasets(DatasetQuery q) {
    StringBuilder sql = new StringBuilder("SELECT " + DATASET_COLUMNS + " FROM dataset d WHERE 1 = 1");
    List<String> args = new ArrayList<>();
    filter(sql, args, "model", q.model());
    filter(sql, args, "checkpoint", q.checkpoint());
    filter(sql, args, "hook", q.hook());
    filter(sql, args, "input_set", q.inputSet());
    if (q.state() != null) {
      filter(sql, args, "state", q.state().name());
    }
    for (String label : q.labelNames()) {
      sql.append(" AND EXISTS (SELECT 1 FROM dataset_label l WHERE l.dataset_id = d.id AND l.name = ?)");
      args.add(label);
    }
    sql.append(" ORDER BY created_at, id");
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        s.setString(i + 1, args.get(i));
      }
      List<DatasetRecord> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(dataset(r));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("list datasets", e);
    }
  }

  public List<BatchRecord> batches(String datasetId) {
    return queryBatches("SELECT " + BATCH_COLUMNS + " FROM batch WHERE dataset_id = ? ORDER BY batch_index",
        datasetId);
  }

  public Optional<BatchRecord> findBatch(String datasetId, int batchIndex) {
    return queryBatches("SELECT " + BATCH_COLUMNS + " FROM batch WHERE dataset_id = ? AND batch_index = "
        + batchIndex, datasetId).stream().findFirst();
  }

  public Optional<BatchRecord> findBatchById(String datasetId, String batchId) {
    return queryBatches("SELECT " + BATCH_COLUMNS + " FROM batch WHERE dataset_id = ? AND batch_id = ?",
        datasetId, batchId).stream().findFirst();
  }

  /**
   * Records a durable shard as the dataset's next batch, in one transaction that locks the dataset row,
   * so indices are dense and counts match the batches. Refuses if the dataset was sealed meanwhile.
   */
  public BatchRecord appendBatch(String datasetId, String batchId, long rows, long bytes, String sha256, long crc32c,
      String blobKey, long now) {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      int index;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT state, batch_count FROM dataset WHERE id = ? FOR UPDATE")) {
        s.setString(1, datasetId);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            throw KibitzException.notFound("no dataset '" + datasetId + "'");
          }
          if (!DatasetState.OPEN.name().equals(r.getString(1))) {
            throw KibitzException.precondition("dataset '" + datasetId + "' is sealed; it takes no more batches");
          }
          index = r.getInt(2);
        }
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO batch (" + BATCH_COLUMNS
          + ", announced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
        s.setString(1, datasetId);
        s.setString(2, batchId);
        s.setInt(3, index);
        s.setLong(4, rows);
        s.setLong(5, bytes);
        s.setString(6, sha256);
        s.setLong(7, crc32c);
        s.setString(8, blobKey);
        s.setLong(9, now);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE dataset SET batch_count = batch_count + 1, row_count = row_count + ? WHERE id = ?")) {
        s.setLong(1, rows);
        s.setString(2, datasetId);
        s.executeUpdate();
      }
      c.commit();
      return new BatchRecord(datasetId, batchId, index, rows, bytes, sha256, crc32c, blobKey, now);
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw KibitzException.alreadyExists("dataset '" + datasetId + "' already has a batch with id '" + batchId
            + "'");
      }
      throw failure("record batch '" + batchId + "' of dataset '" + datasetId + "'", e);
    }
  }

  /** Seals an open dataset; sealing a sealed one returns it unchanged. */
  public DatasetRecord seal(String datasetId, long now) {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("SELECT state FROM dataset WHERE id = ? FOR UPDATE")) {
        s.setString(1, datasetId);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            throw KibitzException.notFound("no dataset '" + datasetId + "'");
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE dataset SET state = ?, sealed_at = ? WHERE id = ? AND state = ?")) {
        s.setString(1, DatasetState.SEALED.name());
        s.setLong(2, now);
        s.setString(3, datasetId);
        s.setString(4, DatasetState.OPEN.name());
        s.executeUpdate();
      }
      c.commit();
      return findDataset(c, "id", datasetId).orElseThrow();
    } catch (SQLException e) {
      throw failure("seal dataset '" + datasetId + "'", e);
    }
  }

  public void markBatchAnnounced(String datasetId, int batchIndex, long now) {
    update("UPDATE batch SET announced_at = " + now + " WHERE dataset_id = ? AND batch_index = " + batchIndex,
        datasetId);
  }

  public void markSealAnnounced(String datasetId, long now) {
    update("UPDATE dataset SET seal_announced_at = " + now + " WHERE id = ?", datasetId);
  }

  /** Batches whose BatchStored was never acknowledged (of one dataset, or all if null), in commit order. */
  public List<BatchRecord> unannouncedBatches(String datasetId) {
    String sql = "SELECT " + BATCH_COLUMNS + " FROM batch WHERE announced_at IS NULL";
    return datasetId == null ? queryBatches(sql + " ORDER BY dataset_id, batch_index")
        : queryBatches(sql + " AND dataset_id = ? ORDER BY batch_index", datasetId);
  }

  /** Sealed datasets whose DatasetSealed was never acknowledged. */
  public List<DatasetRecord> unannouncedSeals() {
    List<DatasetRecord> out = new ArrayList<>();
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT " + DATASET_COLUMNS
        + " FROM dataset WHERE state = 'SEALED' AND seal_announced_at IS NULL ORDER BY sealed_at, id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(dataset(r));
      }
      return out;
    } catch (SQLException e) {
      throw failure("list unannounced seals", e);
    }
  }

  private void update(String sql, String arg) {
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("update the catalog", e);
    }
  }

  private List<BatchRecord> queryBatches(String sql, String... args) {
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      List<BatchRecord> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new BatchRecord(r.getString(1), r.getString(2), r.getInt(3), r.getLong(4), r.getLong(5),
              r.getString(6), r.getLong(7), r.getString(8), r.getLong(9)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("read batches", e);
    }
  }

  private static void filter(StringBuilder sql, List<String> args, String column, String value) {
    if (value != null && !value.isEmpty()) {
      sql.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  private static Optional<DatasetRecord> findDataset(Connection c, String column, String value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + DATASET_COLUMNS + " FROM dataset WHERE " + column
        + " = ?")) {
      s.setString(1, value);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(dataset(r)) : Optional.empty();
      }
    }
  }

  private static DatasetRecord dataset(ResultSet r) throws SQLException {
    DatasetKey key = new DatasetKey(r.getString("model"), r.getString("checkpoint"), r.getString("hook"),
        r.getString("input_set"));
    Map<String, String> attributes = GSON.fromJson(r.getString("attributes"),
        new TypeToken<TreeMap<String, String>>() {}.getType());
    DatasetSpec spec = new DatasetSpec(r.getString("name"), key, DType.valueOf(r.getString("dtype")),
        GSON.fromJson(r.getString("row_shape"), long[].class), labels(r.getString("labels")), attributes);
    return new DatasetRecord(r.getString("id"), spec, DatasetState.valueOf(r.getString("state")),
        r.getLong("row_count"), r.getInt("batch_count"), r.getLong("created_at"), r.getLong("sealed_at"));
  }

  private static String labelsJson(List<LabelSpec> labels) {
    JsonArray a = new JsonArray();
    for (LabelSpec l : labels) {
      JsonObject o = new JsonObject();
      o.addProperty("name", l.name());
      o.addProperty("dtype", l.dtype().name());
      o.add("shape", GSON.toJsonTree(l.shape()));
      a.add(o);
    }
    return GSON.toJson(a);
  }

  private static List<LabelSpec> labels(String json) {
    List<LabelSpec> out = new ArrayList<>();
    for (var e : JsonParser.parseString(json).getAsJsonArray()) {
      JsonObject o = e.getAsJsonObject();
      out.add(new LabelSpec(o.get("name").getAsString(), DType.valueOf(o.get("dtype").getAsString()),
          GSON.fromJson(o.get("shape"), long[].class)));
    }
    return out;
  }

  private static final String ARTIFACT_COLUMNS = "id, kind, name, source_dataset_id, attributes, byte_count, sha256, "
      + "crc32c, blob_key, created_at";

  /** Records an artifact; ALREADY_EXISTS if (kind, name) is taken. */
  public ArtifactRecord insertArtifact(ArtifactRecord a) {
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("INSERT INTO artifact ("
        + ARTIFACT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, a.id());
      s.setString(2, a.kind());
      s.setString(3, a.name());
      s.setString(4, a.sourceDatasetId());
      s.setString(5, GSON.toJson(a.attributes()));
      s.setLong(6, a.bytes());
      s.setString(7, a.sha256());
      s.setLong(8, a.crc32c());
      s.setString(9, a.blobKey());
      s.setLong(10, a.createdAt());
      s.executeUpdate();
      return a;
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw KibitzException.alreadyExists("an artifact '" + a.kind() + "/" + a.name() + "' already exists");
      }
      if ("23503".equals(e.getSQLState()) || "23506".equals(e.getSQLState())) {
        throw KibitzException.notFound("no dataset '" + a.sourceDatasetId() + "' for artifact " + a.name());
      }
      throw failure("record artifact '" + a.name() + "'", e);
    }
  }

  public Optional<ArtifactRecord> findArtifact(String kind, String name) {
    List<ArtifactRecord> found = queryArtifacts(" WHERE kind = ? AND name = ?", kind, name);
    return found.stream().findFirst();
  }

  /** Artifacts of a kind and/or source dataset (empty or null = any), by kind then name. */
  public List<ArtifactRecord> listArtifacts(String kind, String sourceDatasetId) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<String> args = new ArrayList<>();
    filter(where, args, "kind", kind);
    filter(where, args, "source_dataset_id", sourceDatasetId);
    return queryArtifacts(where + " ORDER BY kind, name", args.toArray(new String[0]));
  }

  private List<ArtifactRecord> queryArtifacts(String where, String... args) {
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT " + ARTIFACT_COLUMNS
        + " FROM artifact" + where)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      List<ArtifactRecord> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Map<String, String> attributes = GSON.fromJson(r.getString(5),
              new TypeToken<TreeMap<String, String>>() {}.getType());
          out.add(new ArtifactRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4), attributes,
              r.getLong(6), r.getString(7), r.getLong(8), r.getString(9), r.getLong(10)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("read artifacts", e);
    }
  }

  @Override
  public void close() {
    db.close();
  }

  private static KibitzException failure(String what, SQLException e) {
    return new KibitzException(KibitzException.Reason.UNAVAILABLE, "catalog could not " + what + ": "
        + e.getMessage());
  }
}

package dev.kibitz.store.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.store.testing.PostgresDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@link Catalog} on real PostgreSQL, the production database: the embedded H2 default is only
 * PostgreSQL-like, and row locking ({@code FOR UPDATE}), unique-violation SQL states and Flyway's PostgreSQL support
 * must be checked against the real thing. Every test starts from its own freshly created, empty database.
 */
class PostgresCatalogTest {
  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "b".repeat(64);
  private static final String SHA_C = "c".repeat(64);

  private PostgresDatabases.Database database;
  private CatalogDatabase catalogDb;
  private Catalog catalog;

  @BeforeEach
  void openFreshCatalog() {
    database = PostgresDatabases.create();
    catalogDb = CatalogDatabase.open(database.url(), "postgres", "");
    catalog = new Catalog(catalogDb);
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    if (database != null) {
      database.close();
    }
  }

  private static DatasetSpec spec(String name, String model, String checkpoint, String hook, String inputSet,
      List<LabelSpec> labels) {
    return new DatasetSpec(name, new DatasetKey(model, checkpoint, hook, inputSet), DType.FLOAT32, new long[] {4, 3},
        labels, Map.of());
  }

  private static DatasetSpec simpleSpec(String name) {
    return spec(name, "maze-gpt", "step-1000", "blocks.2.hook_resid_post", "eval-v1", List.of());
  }

  private static LabelSpec label(String name) {
    return new LabelSpec(name, DType.BOOL, new long[0]);
  }

  private List<String> ids(DatasetQuery q) {
    return catalog.listDatasets(q).stream().map(DatasetRecord::id).toList();
  }

  private static String sha(int n) {
    return String.format("%064x", n);
  }

  /**
   * Field by field, because {@link DatasetSpec} is a record with a {@code long[]} component: its generated equals
   * compares the array by identity, so two specs read separately are never {@code equals} even when identical.
   */
  private static void assertSameDataset(DatasetRecord expected, DatasetRecord actual) {
    assertEquals(expected.id(), actual.id());
    assertEquals(expected.state(), actual.state());
    assertEquals(expected.rows(), actual.rows());
    assertEquals(expected.batches(), actual.batches());
    assertEquals(expected.createdAt(), actual.createdAt());
    assertEquals(expected.sealedAt(), actual.sealedAt());
    DatasetSpec e = expected.spec();
    DatasetSpec a = actual.spec();
    assertEquals(e.name(), a.name());
    assertEquals(e.key(), a.key());
    assertEquals(e.dtype(), a.dtype());
    assertArrayEquals(e.rowShape(), a.rowShape());
    assertEquals(e.labels().size(), a.labels().size());
    for (int i = 0; i < e.labels().size(); i++) {
      assertEquals(e.labels().get(i).name(), a.labels().get(i).name());
      assertEquals(e.labels().get(i).dtype(), a.labels().get(i).dtype());
      assertArrayEquals(e.labels().get(i).shape(), a.labels().get(i).shape());
    }
    assertEquals(e.labels(), a.labels());
    assertEquals(e.attributes(), a.attributes());
  }

  private List<List<Object>> rows(String sql) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(r.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  private List<List<Object>> migrations() throws SQLException {
    return rows("SELECT version, description, script, success FROM flyway_schema_history ORDER BY installed_rank");
  }

  @Test
  void openMigratesAFreshDatabaseAndReopeningIsANoOp() throws SQLException {
    assertEquals(List.of(List.of("1", "catalog", "V1__catalog.sql", true)), migrations());
    assertEquals(List.of(List.of("artifact"), List.of("batch"), List.of("dataset"), List.of("dataset_label"),
        List.of("flyway_schema_history")), rows("SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = 'public' ORDER BY table_name"));
    catalog.insertDataset("ds-1", simpleSpec("kept"), 1_000);

    CatalogDatabase again = CatalogDatabase.open(database.url(), "postgres", "");

    assertEquals(database.url(), again.url());
    assertEquals(List.of(List.of("1", "catalog", "V1__catalog.sql", true)), migrations());
    assertEquals(List.of("ds-1"), new Catalog(again).listDatasets(DatasetQuery.all()).stream()
        .map(DatasetRecord::id).toList());
  }

  @Test
  void insertedDatasetIsFoundByIdAndByName() {
    DatasetSpec spec = new DatasetSpec("othello-acts",
        new DatasetKey("othello-gpt", "ckpt-7", "blocks.5.mlp", "games"), DType.FLOAT16, new long[] {2, 8, 16},
        List.of(new LabelSpec("concept", DType.BOOL, new long[0]),
            new LabelSpec("board", DType.INT32, new long[] {8, 8}),
            new LabelSpec("input_id", DType.INT64, new long[] {1})),
        Map.of("tokenizer", "v2", "notes", "ünïcode ✓"));

    DatasetRecord inserted = catalog.insertDataset("ds-42", spec, 1_700_000_000_123L);

    assertSameDataset(new DatasetRecord("ds-42", spec, DatasetState.OPEN, 0, 0, 1_700_000_000_123L, 0), inserted);
    assertSameDataset(inserted, catalog.findDataset("ds-42").orElseThrow());
    assertSameDataset(inserted, catalog.findDataset("othello-acts").orElseThrow());
    assertSameDataset(inserted, catalog.requireDataset("othello-acts"));
    assertEquals(Optional.empty(), catalog.findDataset("nope"));
    KibitzException missing = assertThrows(KibitzException.class, () -> catalog.requireDataset("nope"));
    assertEquals(KibitzException.Reason.NOT_FOUND, missing.reason());
  }

  @Test
  void duplicateNameIsAlreadyExistsAndLeavesTheFirstDataset() {
    DatasetRecord first = catalog.insertDataset("ds-1", simpleSpec("dup"), 1_000);

    KibitzException e = assertThrows(KibitzException.class,
        () -> catalog.insertDataset("ds-2", spec("dup", "other", "c", "h", "i", List.of(label("x"))), 2_000));

    assertEquals(KibitzException.Reason.ALREADY_EXISTS, e.reason());
    assertTrue(e.getMessage().contains("'dup'"), e.getMessage());
    assertEquals(List.of("ds-1"), ids(DatasetQuery.all()));
    assertSameDataset(first, catalog.requireDataset("dup"));
    assertEquals(Optional.empty(), catalog.findDataset("ds-2"));
  }

  @Test
  void appendedBatchesGetDenseIndicesAndCountedTotals() {
    catalog.insertDataset("ds-1", simpleSpec("acts"), 1_000);

    BatchRecord b0 = catalog.appendBatch("ds-1", "batch-a", 5, 500, SHA_A, 7L, "datasets/ds-1/a.safetensors", 2_000);
    BatchRecord b1 = catalog.appendBatch("ds-1", "batch-b", 7, 700, SHA_B, 7L, "datasets/ds-1/b.safetensors", 3_000);
    BatchRecord b2 = catalog.appendBatch("ds-1", "batch-c", 11, 1100, SHA_C, 7L, "datasets/ds-1/c.safetensors", 4_000);

    assertEquals(new BatchRecord("ds-1", "batch-a", 0, 5, 500, SHA_A, 7L, "datasets/ds-1/a.safetensors", 2_000), b0);
    assertEquals(new BatchRecord("ds-1", "batch-b", 1, 7, 700, SHA_B, 7L, "datasets/ds-1/b.safetensors", 3_000), b1);
    assertEquals(new BatchRecord("ds-1", "batch-c", 2, 11, 1100, SHA_C, 7L, "datasets/ds-1/c.safetensors", 4_000), b2);
    assertEquals(List.of(b0, b1, b2), catalog.batches("ds-1"));
    assertEquals(Optional.of(b1), catalog.findBatch("ds-1", 1));
    assertEquals(Optional.empty(), catalog.findBatch("ds-1", 3));
    assertEquals(Optional.of(b2), catalog.findBatchById("ds-1", "batch-c"));
    assertEquals(Optional.empty(), catalog.findBatchById("ds-1", "batch-z"));
    DatasetRecord d = catalog.requireDataset("ds-1");
    assertEquals(23, d.rows());
    assertEquals(3, d.batches());
    assertEquals(DatasetState.OPEN, d.state());
  }

  @Test
  void reusedBatchIdIsAlreadyExistsAndChangesNothing() {
    catalog.insertDataset("ds-1", simpleSpec("acts"), 1_000);
    BatchRecord b0 = catalog.appendBatch("ds-1", "batch-a", 5, 500, SHA_A, 7L, "k/a", 2_000);
    BatchRecord b1 = catalog.appendBatch("ds-1", "batch-b", 7, 700, SHA_B, 7L, "k/b", 3_000);

    KibitzException e = assertThrows(KibitzException.class,
        () -> catalog.appendBatch("ds-1", "batch-a", 9, 900, SHA_C, 7L, "k/a-again", 4_000));

    assertEquals(KibitzException.Reason.ALREADY_EXISTS, e.reason());
    assertTrue(e.getMessage().contains("'batch-a'"), e.getMessage());
    assertEquals(List.of(b0, b1), catalog.batches("ds-1"));
    DatasetRecord d = catalog.requireDataset("ds-1");
    assertEquals(12, d.rows());
    assertEquals(2, d.batches());
    // The refused append consumed no index: the next batch is still number 2.
    assertEquals(2, catalog.appendBatch("ds-1", "batch-c", 1, 100, SHA_C, 7L, "k/c", 5_000).batchIndex());
  }

  @Test
  void sealedDatasetRefusesBatchesAndSealingAgainKeepsTheFirstSeal() {
    catalog.insertDataset("ds-1", simpleSpec("acts"), 1_000);
    BatchRecord b0 = catalog.appendBatch("ds-1", "batch-a", 5, 500, SHA_A, 7L, "k/a", 2_000);

    DatasetRecord sealed = catalog.seal("ds-1", 3_000);

    assertEquals(DatasetState.SEALED, sealed.state());
    assertEquals(3_000, sealed.sealedAt());
    assertEquals(5, sealed.rows());
    assertEquals(1, sealed.batches());
    KibitzException e = assertThrows(KibitzException.class,
        () -> catalog.appendBatch("ds-1", "batch-b", 7, 700, SHA_B, 7L, "k/b", 4_000));
    assertEquals(KibitzException.Reason.FAILED_PRECONDITION, e.reason());
    assertEquals(List.of(b0), catalog.batches("ds-1"));
    assertEquals(1, catalog.requireDataset("ds-1").batches());
    assertSameDataset(sealed, catalog.seal("ds-1", 9_000));
    KibitzException unknown = assertThrows(KibitzException.class,
        () -> catalog.appendBatch("ds-none", "batch-a", 1, 1, SHA_A, 7L, "k", 1));
    assertEquals(KibitzException.Reason.NOT_FOUND, unknown.reason());
    assertEquals(KibitzException.Reason.NOT_FOUND,
        assertThrows(KibitzException.class, () -> catalog.seal("ds-none", 1)).reason());
  }

  @Test
  void listDatasetsFiltersByKeyLabelsAndState() {
    catalog.insertDataset("ds-a", spec("a", "m1", "c1", "h1", "i1", List.of(label("a"), label("b"))), 1_000);
    catalog.insertDataset("ds-b", spec("b", "m1", "c1", "h2", "i2", List.of(label("c"))), 2_000);
    catalog.insertDataset("ds-c", spec("c", "m2", "c2", "h1", "i1", List.of()), 3_000);
    catalog.seal("ds-c", 4_000);

    assertEquals(List.of("ds-a", "ds-b", "ds-c"), ids(DatasetQuery.all()));
    assertEquals(List.of("ds-a", "ds-b", "ds-c"), ids(new DatasetQuery("", "", "", "", null, null)));
    assertEquals(List.of("ds-a", "ds-b"), ids(new DatasetQuery("m1", null, null, null, List.of(), null)));
    assertEquals(List.of("ds-a", "ds-c"), ids(new DatasetQuery(null, null, "h1", null, List.of(), null)));
    assertEquals(List.of("ds-c"), ids(new DatasetQuery(null, "c2", null, null, List.of(), null)));
    assertEquals(List.of("ds-b"), ids(new DatasetQuery(null, null, null, "i2", List.of(), null)));
    assertEquals(List.of("ds-a"), ids(new DatasetQuery(null, null, null, null, List.of("a"), null)));
    assertEquals(List.of("ds-a"), ids(new DatasetQuery(null, null, null, null, List.of("a", "b"), null)));
    assertEquals(List.of("ds-b"), ids(new DatasetQuery(null, null, null, null, List.of("c"), null)));
    assertEquals(List.of(), ids(new DatasetQuery(null, null, null, null, List.of("a", "c"), null)));
    assertEquals(List.of(), ids(new DatasetQuery(null, null, null, null, List.of("z"), null)));
    assertEquals(List.of("ds-a", "ds-b"), ids(new DatasetQuery(null, null, null, null, List.of(), DatasetState.OPEN)));
    assertEquals(List.of("ds-c"), ids(new DatasetQuery(null, null, null, null, List.of(), DatasetState.SEALED)));
    assertEquals(List.of("ds-a"), ids(new DatasetQuery("m1", "c1", "h1", "i1", List.of("b"), DatasetState.OPEN)));
    assertEquals(List.of(), ids(new DatasetQuery("m1", null, "h1", null, List.of(), DatasetState.SEALED)));
    assertEquals(List.of(), ids(new DatasetQuery("m3", null, null, null, List.of(), null)));
  }

  @Test
  void outboxListsUnannouncedBatchesAndSealsUntilMarked() {
    catalog.insertDataset("ds-a", simpleSpec("a"), 1_000);
    catalog.insertDataset("ds-b", simpleSpec("b"), 1_001);
    BatchRecord a0 = catalog.appendBatch("ds-a", "x", 1, 10, SHA_A, 7L, "k/a0", 2_000);
    BatchRecord b0 = catalog.appendBatch("ds-b", "x", 2, 20, SHA_B, 7L, "k/b0", 2_001);
    BatchRecord a1 = catalog.appendBatch("ds-a", "y", 3, 30, SHA_C, 7L, "k/a1", 2_002);
    BatchRecord a2 = catalog.appendBatch("ds-a", "z", 4, 40, SHA_A, 7L, "k/a2", 2_003);

    assertEquals(List.of(a0, a1, a2, b0), catalog.unannouncedBatches(null));
    assertEquals(List.of(a0, a1, a2), catalog.unannouncedBatches("ds-a"));
    assertEquals(List.of(b0), catalog.unannouncedBatches("ds-b"));
    assertEquals(List.of(), catalog.unannouncedSeals());

    catalog.markBatchAnnounced("ds-a", 1, 3_000);

    assertEquals(List.of(a0, a2), catalog.unannouncedBatches("ds-a"));
    assertEquals(List.of(a0, a2, b0), catalog.unannouncedBatches(null));

    catalog.markBatchAnnounced("ds-a", 0, 3_001);
    catalog.markBatchAnnounced("ds-a", 2, 3_002);
    catalog.markBatchAnnounced("ds-a", 2, 3_003);

    assertEquals(List.of(), catalog.unannouncedBatches("ds-a"));
    assertEquals(List.of(b0), catalog.unannouncedBatches(null));
    assertEquals(List.of(a0, a1, a2), catalog.batches("ds-a"));

    catalog.seal("ds-b", 5_000);
    catalog.seal("ds-a", 6_000);

    assertEquals(List.of("ds-b", "ds-a"), catalog.unannouncedSeals().stream().map(DatasetRecord::id).toList());
    assertSameDataset(catalog.requireDataset("ds-b"), catalog.unannouncedSeals().get(0));

    catalog.markSealAnnounced("ds-b", 7_000);

    assertEquals(List.of("ds-a"), catalog.unannouncedSeals().stream().map(DatasetRecord::id).toList());
    assertEquals(List.of(b0), catalog.unannouncedBatches(null));

    catalog.markSealAnnounced("ds-a", 7_001);
    catalog.markBatchAnnounced("ds-b", 0, 7_002);

    assertEquals(List.of(), catalog.unannouncedSeals());
    assertEquals(List.of(), catalog.unannouncedBatches(null));
    assertEquals(DatasetState.SEALED, catalog.requireDataset("ds-a").state());
  }

  @Test
  void concurrentAppendsToOneDatasetGetEveryIndexExactlyOnce() throws Exception {
    catalog.insertDataset("ds-1", simpleSpec("busy"), 1_000);
    int threads = 8;
    int perThread = 10;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<BatchRecord>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          go.await();
          List<BatchRecord> mine = new ArrayList<>();
          for (int j = 0; j < perThread; j++) {
            int n = thread * perThread + j;
            mine.add(catalog.appendBatch("ds-1", "t" + thread + "-b" + j, n + 1, 100L * (n + 1), sha(n), 7L, "k/" + n,
                2_000 + n));
          }
          return mine;
        }));
      }
      go.countDown();
      List<BatchRecord> returned = new ArrayList<>();
      for (Future<List<BatchRecord>> f : futures) {
        returned.addAll(f.get(120, TimeUnit.SECONDS));
      }

      int total = threads * perThread;
      assertEquals(IntStream.range(0, total).boxed().toList(),
          returned.stream().map(BatchRecord::batchIndex).sorted().toList());
      List<BatchRecord> stored = catalog.batches("ds-1");
      assertEquals(total, stored.size());
      assertEquals(IntStream.range(0, total).boxed().toList(), stored.stream().map(BatchRecord::batchIndex).toList());
      assertEquals(new HashSet<>(returned), new HashSet<>(stored));
      Set<String> batchIds = new HashSet<>();
      stored.forEach(b -> batchIds.add(b.batchId()));
      assertEquals(total, batchIds.size());
      DatasetRecord d = catalog.requireDataset("ds-1");
      assertEquals(total, d.batches());
      assertEquals(3240, d.rows());
      assertEquals(List.of(List.of(80L, 0, 79, 80L, 3240L)),
          rows("SELECT count(*), min(batch_index), max(batch_index), count(DISTINCT batch_index),"
              + " sum(row_count)::bigint FROM batch WHERE dataset_id = 'ds-1'"));
    } finally {
      pool.shutdownNow();
    }
  }
}

package dev.kibitz.probe.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.kafka.EmbeddedKafka;
import dev.kibitz.probe.LinearProbe;
import dev.kibitz.probe.ProbeResult;
import dev.kibitz.probe.artifact.ProbeArtifact;
import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.data.ConceptLabels;
import dev.kibitz.probe.metrics.Metric;
import dev.kibitz.probe.report.Heatmap;
import dev.kibitz.probe.report.ProbeReport;
import dev.kibitz.probe.synthetic.PlantedConcept;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.store.ActivationStoreApplication;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.LabelSpec;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.grpc.GrpcStoreServer;
import dev.kibitz.store.kafka.EmbeddedKafkaExtension;
import dev.kibitz.store.kafka.StoreTopics;
import io.micronaut.context.ApplicationContext;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe service as deployed: a real activation store (gRPC on loopback, embedded catalog, local shards)
 * announcing on an in-JVM KRaft broker, and the service consuming those announcements. Two hooks of one model
 * are captured on the same 2 000 positions: at {@value #INFORMATIVE} a planted direction decides the concept
 * {@code fork} (and the real {@code margin} is its projection plus noise); at {@value #UNINFORMATIVE} the
 * activations are independent of every label. Each dataset is written in four batches of 500 rows and sealed.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ProbeServiceTest {
  static final int DIM = 16;
  static final int ROWS = 2000;
  static final int BATCH = 500;
  static final String MODEL = "chess-zero";
  static final String INFORMATIVE = "blocks.1.resid";
  static final String UNINFORMATIVE = "blocks.0.resid";
  /** Noise 0.3 on a projection of standard deviation about 1: Bayes accuracy {@link PlantedConcept#bayesAccuracy}. */
  static final PlantedConcept FORK = PlantedConcept.dense(DIM, 0.3, 0, 7);
  static final double MARGIN_NOISE = 0.3;
  static final List<String> FILES = List.of("dataset.json", "probes.json", "probes.md",
      "heatmap-fork-score.png", "heatmap-fork-score.svg", "heatmap-fork-selectivity.png",
      "heatmap-fork-selectivity.svg", "heatmap-margin-score.png", "heatmap-margin-score.svg",
      "heatmap-margin-selectivity.png", "heatmap-margin-selectivity.svg", "probes/fork.1200.safetensors",
      "probes/fork.2000.safetensors", "probes/fork.all.safetensors", "probes/margin.1200.safetensors",
      "probes/margin.2000.safetensors", "probes/margin.all.safetensors");

  @TempDir
  static Path dir;

  /** The labels of every position, shared by both hooks. */
  record Positions(boolean[] fork, float[] margin, int[] skill) {}

  @Test
  void sealedDatasetsAreProbedOncePerConceptAndSkillAndRedeliveryWritesNothing(EmbeddedKafka kafka)
      throws Exception {
    kafka.createTopic(StoreTopics.STORE_EVENTS, 3);
    Path out = dir.resolve("probes");
    ApplicationContext storeContext = ActivationStoreApplication.start(Map.of("kibitz.activation-store.port", 0,
        "kibitz.activation-store.data-dir", dir.resolve("store").toString(),
        "kibitz.activation-store.kafka-bootstrap", kafka.bootstrapServers()));
    int port = storeContext.getBean(GrpcStoreServer.class).port();
    ProbeService.Settings settings = ProbeService.Settings.of(kafka.bootstrapServers(), "127.0.0.1", port, out);
    try (storeContext; ActivationStoreClient client = new ActivationStoreClient("127.0.0.1", port, 30);
        ProbeService service = ProbeService.start(settings)) {
      PlantedConcept.Sample informative = FORK.binary(ROWS, 8);
      Activations noise = PlantedConcept.dense(DIM, 0.3, 0, 99).binary(ROWS, 100).activations();
      Positions positions = positions(informative);
      // Created in hook order: the combined heatmap's rows follow capture order.
      writeAndSeal(client, "fork-blocks-0", UNINFORMATIVE, new long[] {DIM}, noise, positions);
      writeAndSeal(client, "fork-blocks-1", INFORMATIVE, new long[] {4, 4}, informative.activations(), positions);

      Path combined = out.resolve("_combined").resolve(MODEL).resolve("step-1000").resolve("lichess-2000");
      await(60, () -> service.consumer().failure() == null && Files.exists(combined.resolve("datasets.json"))
          && readCovered(combined).size() == 2, service);
      assertEquals(2, service.sink().trained());
      assertEquals(0, service.sink().rejected() + service.sink().ignored() + service.sink().alreadyDone());

      List<ProbeResult> noisy = checkDataset(out.resolve("fork-blocks-0"), UNINFORMATIVE);
      List<ProbeResult> planted = checkDataset(out.resolve("fork-blocks-1"), INFORMATIVE);
      checkQuality(out.resolve("fork-blocks-1"), planted, noisy);
      checkCombined(combined, noisy, planted);
      // Every probe direction and the results table are also store artifacts, byte-identical to the files.
      String informativeId = client.dataset("fork-blocks-1").getDataset().getId();
      List<String> published = client.artifacts(ProbeSink.ARTIFACT_KIND, informativeId).stream()
          .map(a -> a.getName()).toList();
      try (var files = Files.list(out.resolve("fork-blocks-1").resolve("probes"))) {
        List<String> expected = new java.util.ArrayList<>(files.map(p -> "fork-blocks-1/" + p.getFileName()).toList());
        expected.add("fork-blocks-1/probes.json");
        java.util.Collections.sort(expected);
        assertEquals(expected, published);
      }
      assertArrayEquals(Files.readAllBytes(out.resolve("fork-blocks-1").resolve("probes.json")),
          client.getArtifact(ProbeSink.ARTIFACT_KIND, "fork-blocks-1/probes.json"));

      // A new consumer group is handed every event again; the published folders make each one a no-op.
      Map<String, String> before = snapshot(out);
      try (ProbeService replay = ProbeService.start(settings.withGroup("kibitz-probe-service-replay"))) {
        await(30, () -> replay.sink().seals() == 2, replay);
        assertEquals(0, replay.sink().trained());
        assertEquals(2, replay.sink().alreadyDone());
        assertEquals(8, replay.consumer().skipped(), "every BatchStored is skipped as applied");
        assertEquals(0, replay.consumer().applied());
      }
      assertEquals(before, snapshot(out), "redelivery rewrote no file, byte or modification time");
    }
  }

  /** Skill 1200 or 2000 by a seeded coin; margin = planted projection + noise. */
  static Positions positions(PlantedConcept.Sample s) {
    Random r = new Random(9);
    double[] w = FORK.direction();
    boolean[] fork = ((ConceptLabels.Binary) s.labels()).values();
    float[] margin = new float[ROWS];
    int[] skill = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      double dot = 0;
      for (int j = 0; j < DIM; j++) {
        dot += w[j] * s.activations().get(i, j);
      }
      margin[i] = (float) (dot + MARGIN_NOISE * r.nextGaussian());
      skill[i] = r.nextBoolean() ? 1200 : 2000;
    }
    return new Positions(fork, margin, skill);
  }

  static void writeAndSeal(ActivationStoreClient client, String name, String hook, long[] rowShape, Activations x,
      Positions p) {
    DatasetSpec spec = new DatasetSpec(name, new DatasetKey(MODEL, "step-1000", hook, "lichess-2000"), DType.FLOAT32,
        rowShape, List.of(new LabelSpec("fork", DType.BOOL, new long[0]),
            new LabelSpec("margin", DType.FLOAT32, new long[0]), new LabelSpec("skill", DType.INT32, new long[0])),
        Map.of(ProbePlan.CONCEPTS, "fork, margin", ProbePlan.CONDITIONING, "skill"));
    Dataset d = client.createDataset(spec);
    for (int b = 0; b < ROWS / BATCH; b++) {
      int from = b * BATCH;
      long[] shape = new long[rowShape.length + 1];
      shape[0] = BATCH;
      System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
      HostTensor activations = HostTensor.ofFloats(shape,
          Arrays.copyOfRange(x.values(), from * DIM, (from + BATCH) * DIM));
      ByteBuffer skill = ByteBuffer.allocate(BATCH * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = from; i < from + BATCH; i++) {
        skill.putInt(p.skill()[i]);
      }
      client.writeBatch(d.getId(), "b" + b, activations, List.of(
          HostTensor.ofBools(new long[] {BATCH}, Arrays.copyOfRange(p.fork(), from, from + BATCH)),
          HostTensor.ofFloats(new long[] {BATCH}, Arrays.copyOfRange(p.margin(), from, from + BATCH)),
          new HostTensor(DType.INT32, new long[] {BATCH}, skill.flip())));
    }
    client.seal(d.getId());
  }

  /** Exactly the expected files; one result per concept x (each skill, all); artifacts of [16]. */
  static List<ProbeResult> checkDataset(Path dsDir, String hook) throws Exception {
    assertEquals(new TreeSet<>(FILES), files(dsDir));
    ProbedDataset summary = new ResultDirectory(dsDir.getParent()).readDataset(dsDir);
    assertEquals(List.of("fork", "margin"), summary.concepts());
    assertEquals("skill", summary.conditioning());
    assertEquals(List.of("1200", "2000"), summary.conditioningValues());
    assertEquals(List.of(), summary.skipped());
    assertEquals(List.of(2000L, 4, hook), List.of(summary.rows(), summary.batches(), summary.hook()));
    List<ProbeResult> results = ProbeReport.read(dsDir.resolve("probes.json"));
    assertEquals(List.of("fork 1200", "fork 2000", "fork all", "margin 1200", "margin 2000", "margin all"),
        results.stream().map(r -> r.concept() + " " + r.conditioning()).toList());
    for (ProbeResult r : results) {
      assertEquals(hook, r.hook());
      assertEquals(r.concept().equals("fork"), r.binary());
      assertEquals(r.binary() ? Metric.BALANCED_ACCURACY : Metric.R2, r.metric());
      ProbeArtifact.ProbeVector v = ProbeArtifact.read(dsDir.resolve("probes")
          .resolve(r.concept() + "." + r.conditioning() + ".safetensors"));
      assertEquals(DIM, v.direction().length);
      assertEquals(Map.of("model", MODEL, "hook", hook, "concept", r.concept(), "conditioning", r.conditioning()),
          Map.of("model", v.metadata().get("model"), "hook", v.metadata().get("hook"), "concept",
              v.metadata().get("concept"), "conditioning", v.metadata().get("conditioning")));
    }
    // The 60/20/20 split of all 2 000 rows; the skill subsets split their own rows the same way.
    ProbeResult all = results.get(2);
    assertEquals(List.of(400, 400), List.of(all.validationRows(), all.testRows()));
    return results;
  }

  /**
   * Seeded, so the numbers are fixed (Bayes accuracy 0.963; fork@all 0.962, cosine 0.974, margin R2 0.984 against
   * a best of 0.987; the uninformative hook 0.500 and R2 0.004). The bounds are sampling error, not those numbers.
   * All on test rows: a binomial standard error is at most 0.013 at 400 rows and 0.018 at about 200 (one
   * skill level), so "Bayes - 0.04 / - 0.06" is three of them; chance-level scores get 0.5 +- 0.08 (three
   * standard errors of 0.025 at 400 rows).
   */
  static void checkQuality(Path dsDir, List<ProbeResult> planted, List<ProbeResult> noisy) throws Exception {
    double bayes = FORK.bayesAccuracy();
    ProbeResult forkAll = planted.get(2);
    assertTrue(forkAll.score() >= bayes - 0.04, "fork@all " + forkAll.score() + " vs Bayes " + bayes);
    for (ProbeResult r : planted.subList(0, 2)) {
      assertTrue(r.score() >= bayes - 0.06, "fork@" + r.conditioning() + " " + r.score() + " vs Bayes " + bayes);
    }
    double control = forkAll.control().get(Metric.BALANCED_ACCURACY);
    assertTrue(Math.abs(control - 0.5) <= 0.08, "control task " + control);
    float[] stored = ProbeArtifact.read(dsDir.resolve("probes/fork.all.safetensors")).direction();
    double[] w = new double[DIM];
    for (int j = 0; j < DIM; j++) {
      w[j] = stored[j];
    }
    double cosine = new LinearProbe(w, 0).cosine(FORK.direction());
    assertTrue(cosine >= 0.95, "cosine of the stored direction with the planted one " + cosine);
    // margin = w.x + noise 0.3: Bayes R2 is signal / (signal + 0.09).
    double v = FORK.signalStd() * FORK.signalStd();
    double bayesR2 = v / (v + MARGIN_NOISE * MARGIN_NOISE);
    ProbeResult marginAll = planted.get(5);
    assertTrue(marginAll.score() >= bayesR2 - 0.03, "margin@all R2 " + marginAll.score() + " vs " + bayesR2);

    ProbeResult noisyFork = noisy.get(2);
    assertTrue(Math.abs(noisyFork.score() - 0.5) <= 0.08, "fork at the uninformative hook " + noisyFork.score());
    assertTrue(Math.abs(noisy.get(5).score()) <= 0.03, "margin R2 at the uninformative hook " + noisy.get(5).score());
  }

  /** The combined report: both hooks' results, heatmaps with the hooks as rows and skill levels as columns. */
  static void checkCombined(Path combined, List<ProbeResult> noisy, List<ProbeResult> planted) throws Exception {
    assertEquals(List.of("fork-blocks-0", "fork-blocks-1"), readCovered(combined));
    List<ProbeResult> all = new ArrayList<>(noisy);
    all.addAll(planted);
    assertEquals(all, ProbeReport.read(combined.resolve("probes.json")));
    Set<String> expected = new TreeSet<>(List.of("datasets.json", "probes.json", "probes.md"));
    expected.addAll(FILES.stream().filter(f -> f.startsWith("heatmap-")).toList());
    assertEquals(expected, files(combined));
    Heatmap fork = ProbeReport.heatmap("fork", all, false);
    assertEquals(List.of(UNINFORMATIVE, INFORMATIVE), fork.rows());
    assertEquals(List.of("1200", "2000", "all"), fork.columns());
    assertEquals(planted.get(2).score(), fork.values()[1][2], 0);
    BufferedImage png = ImageIO.read(combined.resolve("heatmap-fork-score.png").toFile());
    assertEquals(List.of(fork.width(), fork.height()), List.of(png.getWidth(), png.getHeight()));
    assertEquals(fork.svg(), Files.readString(combined.resolve("heatmap-fork-score.svg")));
  }

  static List<String> readCovered(Path combined) {
    try {
      return Arrays.asList(new Gson().fromJson(Files.readString(combined.resolve("datasets.json")), String[].class));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every file under {@code root}, relative, '/'-separated. */
  static Set<String> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  /** Every file and folder under {@code root} (hidden ones too) with its modification time and sha256. */
  static Map<String, String> snapshot(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String hash = Files.isRegularFile(p) ? HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))) : "dir";
        out.put(root.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis() + " " + hash);
      }
    }
    return out;
  }

  static void await(int seconds, BooleanSupplier done, ProbeService service) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!done.getAsBoolean()) {
      assertNull(service.consumer().failure(), "the consumer stopped");
      assertTrue(System.nanoTime() < deadline, "not done within " + seconds + " s");
      Thread.sleep(100);
    }
  }
}

package dev.kibitz.probe.service;

import dev.kibitz.probe.ProbeConfig;
import dev.kibitz.probe.TrainedProbe;
import dev.kibitz.probe.artifact.ProbeArtifact;
import dev.kibitz.probe.report.ProbeReport;
import dev.kibitz.proto.v1.BatchStored;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.proto.v1.DatasetDetail;
import dev.kibitz.proto.v1.DatasetSealed;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.consume.BatchKey;
import dev.kibitz.store.consume.BatchSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a dataset's probes when it is sealed (only then are all its rows known), as its attributes ask
 * ({@link ProbePlan}), and publishes the results under {@code <output>/<dataset name>/} in one atomic
 * rename, then rebuilds the combined report of its model checkpoint and input set.
 *
 * <p>The published folder is the durable state: a dataset that has one is done, so a redelivered
 * BatchStored or DatasetSealed (after a crash, or to a new consumer group) trains and writes nothing.
 * The only repair a redelivered seal may do is the combined report, if a crash came between the
 * dataset's publish and the report's rebuild. {@link #flush} has nothing to do: each seal's effect is
 * durable before {@link #sealed} returns. Datasets without {@value ProbePlan#CONCEPTS} are ignored;
 * datasets whose attributes contradict their labels are rejected (logged, nothing written) rather than
 * retried forever. Store or disk failures propagate, so the seal is redelivered once the service restarts.
 */
public final class ProbeSink implements BatchSink {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeSink.class);

  private final ActivationStoreClient store;
  private final ResultDirectory out;
  private final ProbeConfig config;
  /** Ids of datasets with published results. */
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private final AtomicInteger seals = new AtomicInteger();
  private final AtomicInteger trained = new AtomicInteger();
  private final AtomicInteger alreadyDone = new AtomicInteger();
  private final AtomicInteger ignored = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();

  public ProbeSink(ActivationStoreClient store, Path outputDir, ProbeConfig config) throws IOException {
    this.store = store;
    this.out = new ResultDirectory(outputDir);
    this.config = config;
    out.datasets().forEach(d -> done.add(d.id()));
  }

  @Override
  public boolean applied(BatchKey key) {
    return done.contains(key.datasetId());
  }

  /** Nothing to do per batch: the rows are read from the store when the dataset is sealed. */
  @Override
  public void apply(BatchStored event) {}

  @Override
  public void sealed(DatasetSealed event) throws IOException {
    DatasetDetail detail = store.dataset(event.getDatasetId());
    Dataset d = detail.getDataset();
    Path dir = out.datasetDir(d.getName());
    if (Files.exists(dir)) {
      alreadyProbed(d, dir);
    } else {
      probe(detail, dir);
    }
    seals.incrementAndGet();
  }

  private void alreadyProbed(Dataset d, Path dir) throws IOException {
    ProbedDataset published = out.readDataset(dir);
    if (!published.id().equals(d.getId())) {
      LOG.warn("dataset '{}' ({}) was sealed, but {} holds the results of another dataset of that name ({}); "
          + "leaving them", d.getName(), d.getId(), dir, published.id());
      rejected.incrementAndGet();
      return;
    }
    done.add(d.getId());
    alreadyDone.incrementAndGet();
    if (!CombinedReport.covers(out, published)) {
      LOG.info("dataset '{}' was probed but its combined report was not rebuilt; rebuilding it", d.getName());
      CombinedReport.regenerate(out, published);
    }
  }

  private void probe(DatasetDetail detail, Path dir) throws IOException {
    Dataset d = detail.getDataset();
    ProbedDataset summary;
    DatasetProbing.Outcome outcome;
    try {
      Optional<ProbePlan> plan = ProbePlan.of(d);
      if (plan.isEmpty()) {
        LOG.debug("dataset '{}' has no {} attribute; nothing to probe", d.getName(), ProbePlan.CONCEPTS);
        ignored.incrementAndGet();
        return;
      }
      DatasetRows rows = DatasetRows.read(store, detail, plan.get());
      long start = System.nanoTime();
      outcome = DatasetProbing.run(plan.get(), d.getKey().getHook(), rows, config);
      summary = ProbedDataset.of(d, plan.get(), outcome, config);
      LOG.info("dataset '{}': trained {} probes on {} rows of {} features in {} ms ({} skipped)", d.getName(),
          outcome.probes().size(), rows.activations().rows(), rows.activations().dim(),
          (System.nanoTime() - start) / 1_000_000, outcome.skipped().size());
    } catch (IllegalArgumentException e) {
      LOG.error("dataset '{}' ({}) cannot be probed as its attributes ask; nothing written: {}", d.getName(),
          d.getId(), e.getMessage());
      rejected.incrementAndGet();
      return;
    }
    if (AtomicDirectory.create(dir, tmp -> write(tmp, summary, outcome))) {
      trained.incrementAndGet();
    }
    publish(d, dir);
    done.add(d.getId());
    CombinedReport.regenerate(out, summary);
  }

  /**
   * Probe directions and the results table go to the store as artifacts of kind {@value #ARTIFACT_KIND},
   * linked to the dataset; artifacts are immutable and idempotent, so publishing again after a crash is safe.
   */
  private void publish(Dataset d, Path dir) throws IOException {
    java.util.List<Path> files = new java.util.ArrayList<>();
    try (var listing = Files.list(dir.resolve(ResultDirectory.PROBES))) {
      listing.sorted().forEach(files::add);
    }
    files.add(dir.resolve(ProbeReport.JSON));
    for (Path f : files) {
      store.putArtifact(ARTIFACT_KIND, d.getName() + "/" + f.getFileName(), d.getId(),
          java.util.Map.of("hook", d.getKey().getHook()), Files.readAllBytes(f));
    }
  }

  public static final String ARTIFACT_KIND = "probe";

  private static void write(Path dir, ProbedDataset summary, DatasetProbing.Outcome outcome) throws IOException {
    ProbeReport.write(dir, outcome.probes().stream().map(TrainedProbe::result).toList());
    Path probes = Files.createDirectories(dir.resolve(ResultDirectory.PROBES));
    for (TrainedProbe p : outcome.probes()) {
      ProbeArtifact.write(probes.resolve(artifactName(p.result().concept(), p.result().conditioning())), p,
          summary.model());
    }
    ResultDirectory.writeDataset(dir, summary);
  }

  /** {@code <concept>.<conditioning>.safetensors}, each part made file-name-safe. */
  public static String artifactName(String concept, String conditioning) {
    return ResultDirectory.segment(concept) + "." + ResultDirectory.segment(conditioning) + ".safetensors";
  }

  /** Nothing is held in memory: every seal's results were published before {@link #sealed} returned. */
  @Override
  public void flush() {}

  /** Seals handled (whatever the outcome) since start. */
  public int seals() {
    return seals.get();
  }

  /** Datasets whose results this sink trained and published. */
  public int trained() {
    return trained.get();
  }

  /** Seals of datasets whose results were already published (redeliveries, other replicas). */
  public int alreadyDone() {
    return alreadyDone.get();
  }

  /** Seals of datasets that ask for no probes. */
  public int ignored() {
    return ignored.get();
  }

  /** Seals of datasets that could not be probed as asked (logged; nothing written). */
  public int rejected() {
    return rejected.get();
  }
}

package dev.kibitz.sae.service;

import dev.kibitz.proto.v1.BatchStored;
import dev.kibitz.proto.v1.DatasetDetail;
import dev.kibitz.proto.v1.DatasetSealed;
import dev.kibitz.proto.v1.WorkRequested;
import dev.kibitz.sae.train.SaeTrainingConfig;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.consume.BatchKey;
import dev.kibitz.store.consume.BatchSink;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.sae.checkpoint.AtomicFiles;
import dev.kibitz.sae.checkpoint.ResumeState;
import dev.kibitz.sae.checkpoint.SaeCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SAE service's reaction to store events: the first batch of a dataset whose hook matches starts
 * (or resumes) an SAE job on it; every batch makes its index available to that job; the seal fixes
 * the epoch length. Nothing here needs flushing: availability can always be rebuilt from the catalog,
 * and training progress is durable in the job's own checkpoints, which record how many batches they
 * have consumed. So redelivered events change nothing, and a restarted job trains on every batch once.
 */
public final class SaeJobs implements BatchSink {
  /** Names the dataset a job folder trains on, so a restarted service can find its unfinished jobs. */
  static final String JOB_FILE = "job.json";
  public static final String ARTIFACT_KIND = "sae";
  /** Intermediate resume states, {@code <dataset>/<job>/step-NNNNNNNN/resume.safetensors}: a job survives its machine. */
  public static final String CHECKPOINT_KIND = "sae-checkpoint";
  /** The kind of work request this service takes (ActivationStore.RequestWork). */
  public static final String WORK_KIND = "sae";
  /** Why a requested job could not finish: {@code <dataset>/<job>/error.txt}, its text the reason. */
  public static final String FAILURE_KIND = "sae-failure";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SaeJobs.class);

  private final ActivationStoreClient client;
  private final SaeTrainingConfig template;
  private final String hook;
  private final Path outputDir;
  private final int stopAfterStep;
  private final Map<String, SaeJob> jobs = new ConcurrentHashMap<>();

  /**
   * @param template the config of the service's own jobs, one per announced dataset, its d_in replaced by
   *     the dataset's row width; null: requested jobs only
   * @param hook train on datasets of this hook only (empty: every dataset)
   * @param stopAfterStep end jobs early at this step, as a crash would (-1: never)
   */
  public SaeJobs(ActivationStoreClient client, SaeTrainingConfig template, String hook, Path outputDir,
      int stopAfterStep) {
    this.client = client;
    this.template = template;
    this.hook = hook;
    this.outputDir = outputDir;
    this.stopAfterStep = stopAfterStep;
  }

  @Override
  public boolean applied(BatchKey key) {
    return false;
  }

  @Override
  public void apply(BatchStored event) {
    if (template == null || !hook.isEmpty() && !hook.equals(event.getKey().getHook())) {
      return; // no template: only requested jobs
    }
    String id = event.getBatch().getDatasetId();
    SaeJob job = jobs.computeIfAbsent(id, this::startJob);
    job.source().available(event.getBatch().getBatchIndex());
  }

  @Override
  public void sealed(DatasetSealed event) {
    SaeJob job = jobs.get(event.getDatasetId());
    if (job != null) {
      job.source().sealed(event.getBatches());
    }
  }

  /**
   * A requested job ({@code kind} "sae"): trained once per (dataset, job). A repeat of a job that runs here
   * or has published its weights changes nothing; a spec that cannot be read is answered with a
   * {@value #FAILURE_KIND} artifact, as is a job that fails.
   */
  @Override
  public void requested(WorkRequested event) throws IOException {
    if (!event.getKind().equals(WORK_KIND)) {
      return;
    }
    String key = event.getDatasetId() + "/" + event.getJob();
    if (jobs.containsKey(key)) {
      return;
    }
    DatasetDetail detail = client.dataset(event.getDatasetId());
    String prefix = detail.getDataset().getName() + "/" + event.getJob() + "/";
    if (client.artifacts(ARTIFACT_KIND, event.getDatasetId()).stream()
        .anyMatch(a -> a.getName().equals(prefix + SaeCheckpoint.WEIGHTS))) {
      return;
    }
    SaeJobSpec spec;
    try {
      spec = SaeJobSpec.parse(event.getSpecJson());
    } catch (IllegalArgumentException e) {
      fail(event.getDatasetId(), prefix, "bad SAE job spec: " + e.getMessage());
      return;
    }
    try {
      jobs.put(key, start(detail, event.getJob(), spec.config(DatasetRowSource.rowWidth(detail)),
          event.getSpecJson()));
    } catch (RuntimeException e) { // e.g. a dataset SAEs cannot train on: answer it, keep consuming
      fail(event.getDatasetId(), prefix, "cannot start SAE job: " + e.getMessage());
    }

  }

  private void fail(String datasetId, String prefix, String message) {
    try {
      client.putArtifact(FAILURE_KIND, prefix + "error.txt", datasetId, Map.of(), message.getBytes(
          java.nio.charset.StandardCharsets.UTF_8));
    } catch (RuntimeException e) { // the same failure recorded before (different text): the first one stands
      LOG.warn("could not record the failure of {}: {}", prefix, e.toString());
    }
  }

  @Override
  public void flush() {}

  /** The service's own job on an announced dataset, with the template's settings. */
  private SaeJob startJob(String datasetId) {
    DatasetDetail detail = client.dataset(datasetId);
    SaeTrainingConfig t = template;
    SaeTrainingConfig config = new SaeTrainingConfig(t.architecture(), DatasetRowSource.rowWidth(detail), t.width(),
        t.steps(),
        t.batchSize(), t.learningRate(), t.warmupSteps(), t.cosineDecay(), t.seed(), t.bufferCapacity(),
        t.normalizationBatches(), t.deadAfterSteps(), t.resampleEvery(), t.checkpointEvery());
    return start(detail, t.architecture().kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + t.width(), config,
        null);
  }

  /**
   * Starts (or resumes, from the folder's checkpoint) job {@code job} on a dataset in
   * {@code outputDir/<dataset>/<job>}; {@code spec} (a requested job's JSON, else null) is kept in the
   * folder and on the mirrored checkpoints, so the job can be rebuilt after a restart.
   */
  private SaeJob start(DatasetDetail detail, String job, SaeTrainingConfig config, String spec) {
    String datasetId = detail.getDataset().getId();
    String name = detail.getDataset().getName();
    DatasetRowSource source = new DatasetRowSource(client, detail);
    Path dir = outputDir.resolve(name).resolve(job);
    try {
      Files.createDirectories(dir);
      if (!Files.exists(dir.resolve(JOB_FILE))) {
        JsonObject o = new JsonObject();
        o.addProperty("dataset_id", datasetId);
        o.addProperty("dataset", name);
        if (spec != null) {
          o.addProperty("spec", spec);
        }
        AtomicFiles.writeString(dir.resolve(JOB_FILE), o.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the SAE job in " + dir, e);
    }
    String prefix = name + "/" + job + "/";
    return new SaeJob(name, source, config, dir, stopAfterStep, new SaeJob.Publisher() {
      @Override
      public void publish(Path done) throws IOException {
        SaeJobs.this.publish(datasetId, name, done);
      }

      @Override
      public void failed(Throwable t) {
        fail(datasetId, prefix, "SAE job failed: " + t);
      }
    }, (step, d) -> mirror(datasetId, name, d, step, spec)).start();
  }

  private void mirror(String datasetId, String datasetName, Path dir, int step, String spec) throws IOException {
    String job = dir.getFileName().toString();
    Map<String, String> attributes = new java.util.TreeMap<>(Map.of("job", job, "step", Integer.toString(step)));
    if (spec != null) {
      attributes.put("spec", spec);
    }
    client.putArtifact(CHECKPOINT_KIND, datasetName + "/" + job + String.format("/step-%08d/", step)
        + ResumeState.FILE, datasetId, attributes, Files.readAllBytes(dir.resolve(ResumeState.FILE)));
  }

  /**
   * Brings back from the store the newest checkpoint of every unfinished job that this machine's folder
   * lacks or holds an older state of (a rescheduled pod starts with an empty folder), so that
   * {@link #resumeUnfinished} resumes it. Returns how many were restored.
   */
  public int restoreFromStore() throws IOException {
    Map<String, dev.kibitz.proto.v1.Artifact> newest = new java.util.TreeMap<>();
    for (dev.kibitz.proto.v1.Artifact a : client.artifacts(CHECKPOINT_KIND, "")) {
      // the name is <dataset>/<job>/step-NNNNNNNN/resume.safetensors; dataset names may hold slashes
      String prefix = a.getName().substring(0, a.getName().lastIndexOf("/step-") + 1);
      newest.merge(prefix, a, (x, y) -> x.getName().compareTo(y.getName()) >= 0 ? x : y);
    }
    int restored = 0;
    for (Map.Entry<String, dev.kibitz.proto.v1.Artifact> e : newest.entrySet()) {
      String prefix = e.getKey();
      dev.kibitz.proto.v1.Artifact a = e.getValue();
      boolean finished = client.artifacts(ARTIFACT_KIND, a.getSourceDatasetId()).stream()
          .anyMatch(x -> x.getName().equals(prefix + SaeCheckpoint.WEIGHTS));
      Path dir = outputDir.resolve(prefix);
      int step = Integer.parseInt(a.getAttributesMap().get("step"));
      if (finished || ResumeState.exists(dir) && ResumeState.read(dir).step() >= step) {
        continue;
      }
      Files.createDirectories(dir);
      byte[] state = client.getArtifact(CHECKPOINT_KIND, a.getName());
      AtomicFiles.write(dir.resolve(ResumeState.FILE), tmp -> Files.write(tmp, state));
      if (!Files.exists(dir.resolve(JOB_FILE))) {
        JsonObject job = new JsonObject();
        job.addProperty("dataset_id", a.getSourceDatasetId());
        String jobName = dir.getFileName().toString();
        job.addProperty("dataset", prefix.substring(0, prefix.length() - jobName.length() - 2));
        if (a.getAttributesMap().containsKey("spec")) {
          job.addProperty("spec", a.getAttributesMap().get("spec"));
        }
        AtomicFiles.writeString(dir.resolve(JOB_FILE), job.toString());
      }
      restored++;
    }
    return restored;
  }

  /** The final weights and config go to the store as artifacts of kind {@value #ARTIFACT_KIND}. */
  private void publish(String datasetId, String datasetName, Path dir) throws IOException {
    String prefix = datasetName + "/" + dir.getFileName() + "/";
    for (String file : List.of(SaeCheckpoint.WEIGHTS, SaeCheckpoint.CONFIG)) {
      client.putArtifact(ARTIFACT_KIND, prefix + file, datasetId, Map.of("job", dir.getFileName().toString()),
          Files.readAllBytes(dir.resolve(file)));
    }
  }

  /**
   * Restarts the jobs whose folders say they are unfinished. Their events may all be committed already
   * (the consumer commits as soon as a batch is made available), so the folders, not Kafka, are what
   * make a job survive a restart.
   */
  public void resumeUnfinished() throws IOException {
    if (!Files.isDirectory(outputDir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(outputDir, 3)) {
      for (Path jobFile : files.filter(p -> p.getFileName().toString().equals(JOB_FILE)).sorted().toList()) {
        Path dir = jobFile.getParent();
        JsonObject job = JsonParser.parseString(Files.readString(jobFile)).getAsJsonObject();
        String id = job.get("dataset_id").getAsString();
        if (job.has("spec")) { // a requested job
          SaeJobSpec spec = SaeJobSpec.parse(job.get("spec").getAsString());
          boolean done = ResumeState.exists(dir) && ResumeState.read(dir).step() >= spec.steps();
          String key = id + "/" + dir.getFileName();
          if (!done && !jobs.containsKey(key)) {
            DatasetDetail detail = client.dataset(id);
            jobs.put(key, start(detail, dir.getFileName().toString(), spec.config(DatasetRowSource.rowWidth(detail)),
                job.get("spec").getAsString()));
          }
        } else if (template != null) {
          boolean done = ResumeState.exists(dir) && ResumeState.read(dir).step() >= template.steps();
          if (!done) {
            jobs.computeIfAbsent(id, this::startJob);
          }
        }
      }
    }
  }

  /** The job on a dataset (or, requested, "dataset id/job"), if one was started. */
  SaeJob job(String key) {
    return jobs.get(key);
  }

  void stopAll() throws InterruptedException {
    for (SaeJob j : jobs.values()) {
      j.stop();
    }
  }
}

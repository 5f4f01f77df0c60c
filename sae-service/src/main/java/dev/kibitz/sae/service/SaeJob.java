package dev.kibitz.sae.service;

import dev.kibitz.sae.train.SaeTrainer;
import dev.kibitz.sae.train.SaeTrainingConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one SAE on one dataset, on a thread of its own, checkpointing into its folder; a job started
 * on a folder with a checkpoint resumes it. {@code stopAfterStep} ends the run early as a crash would
 * (after whatever checkpoint came before): tests use it to kill a job mid-way.
 */
final class SaeJob {
  private static final Logger LOG = LoggerFactory.getLogger(SaeJob.class);

  private final String datasetName;
  private final DatasetRowSource source;
  private final SaeTrainingConfig config;
  private final Path dir;
  private final int stopAfterStep;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile SaeTrainer.Outcome outcome;
  private volatile Throwable failure;

  /** Called with the job folder once training completed, to publish its results (the store's artifacts). */
  interface Publisher {
    void publish(Path dir) throws Exception;

    /** The job failed (not stopped): tell whoever waits for it. */
    default void failed(Throwable t) {}
  }

  /** Called after each intermediate checkpoint was written to the folder (to copy it off the machine). */
  interface Mirror {
    void checkpointed(int step, Path dir) throws Exception;
  }

  private final Publisher publisher;
  private final Mirror mirror;

  SaeJob(String datasetName, DatasetRowSource source, SaeTrainingConfig config, Path dir, int stopAfterStep,
      Publisher publisher, Mirror mirror) {
    this.publisher = publisher;
    this.mirror = mirror;
    this.datasetName = datasetName;
    this.source = source;
    this.config = config;
    this.dir = dir;
    this.stopAfterStep = stopAfterStep;
    this.thread = new Thread(this::run, "sae-job-" + datasetName);
    this.thread.setDaemon(true);
  }

  SaeJob start() {
    thread.start();
    return this;
  }

  DatasetRowSource source() {
    return source;
  }

  private void run() {
    try {
      outcome = new SaeTrainer(config).train(source, dir, (step, stats) -> {
        if (step % 100 == 0 || step == config.steps()) {
          LOG.info("sae {} step {}/{} loss {} L0 {}", datasetName, step, config.steps(), stats.loss(), stats.meanL0());
        }
        if (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0 && step < config.steps()) {
          try {
            mirror.checkpointed(step, dir);
          } catch (Exception e) {
            // training goes on from the local checkpoint; only a lost machine would need the copy
            LOG.warn("SAE job on {}: checkpoint {} not copied to the store: {}", datasetName, step, e.toString());
          }
        }
        return !stopping && step != stopAfterStep;
      });
      if (outcome.completed()) {
        publisher.publish(dir);
      }
    } catch (Throwable t) {
      if (!stopping) {
        failure = t;
        LOG.error("SAE job on {} failed", datasetName, t);
        publisher.failed(t);
      }
    }
  }

  /** The finished run (null while running or after a failure or stop). */
  SaeTrainer.Outcome outcome() {
    return outcome;
  }

  Throwable failure() {
    return failure;
  }

  boolean running() {
    return thread.isAlive();
  }

  void stop() throws InterruptedException {
    stopping = true;
    source.close();
    thread.join(30_000);
  }
}

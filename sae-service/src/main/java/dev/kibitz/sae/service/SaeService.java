package dev.kibitz.sae.service;

import dev.kibitz.sae.train.SaeTrainingConfig;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.consume.StoreEventConsumer;
import java.nio.file.Path;

/**
 * The sae-service: a member of consumer group {@value #GROUP} on the store's events (replicas share
 * the partitions, so the datasets). It runs the SAE jobs requested through the store (RequestWork, kind
 * "sae"), checkpointed under {@code outputDir/<dataset>/<job>/}, and, given a template, one job of its own
 * per matching dataset, under {@code outputDir/<dataset>/<architecture>-<width>/}.
 */
public final class SaeService implements AutoCloseable {
  public static final String GROUP = "kibitz-sae-service";

  private final ActivationStoreClient client;
  private final SaeJobs jobs;
  private final StoreEventConsumer consumer;

  /** {@code template} null: requested jobs only. */
  public SaeService(String storeHost, int storePort, String kafkaBootstrap, String topic, SaeTrainingConfig template,
      String hook, Path outputDir, int stopAfterStep) {
    this.client = new ActivationStoreClient(storeHost, storePort, 60);
    this.jobs = new SaeJobs(client, template, hook, outputDir, stopAfterStep);
    this.consumer = new StoreEventConsumer(kafkaBootstrap, topic, GROUP, jobs);
  }

  public SaeService start() throws java.io.IOException {
    jobs.restoreFromStore();
    jobs.resumeUnfinished();
    consumer.start("sae-service-events");
    return this;
  }

  public SaeJobs jobs() {
    return jobs;
  }

  /** The event loop: running until {@link #close()} or a failure it keeps in {@code failure()}. */
  public StoreEventConsumer consumer() {
    return consumer;
  }

  @Override
  public void close() throws Exception {
    consumer.close();
    jobs.stopAll();
    client.close();
  }
}

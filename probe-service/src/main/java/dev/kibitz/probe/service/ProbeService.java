package dev.kibitz.probe.service;

import dev.kibitz.probe.ProbeConfig;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.consume.StoreEventConsumer;
import dev.kibitz.store.kafka.StoreTopics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The probe service: a member of consumer group {@value #GROUP} on the store's event topic whose
 * {@link ProbeSink} trains each sealed dataset's probes from the activation store. Replicas in the group
 * share the partitions, and so the datasets; results go to one output folder.
 */
public final class ProbeService implements AutoCloseable {
  public static final String GROUP = "kibitz-probe-service";
  private static final String PREFIX = "kibitz.probe-service.";

  /**
   * Where events come from, where rows are read and results written.
   *
   * @param storeDeadlineSeconds deadline of each call to the store (a batch read included)
   */
  public record Settings(String kafkaBootstrap, String topic, String group, String storeHost, int storePort,
      long storeDeadlineSeconds, Path outputDir, ProbeConfig probes) {

    /** Topic {@value StoreTopics#STORE_EVENTS}, group {@value #GROUP}, 60 s store deadline, default probes. */
    public static Settings of(String kafkaBootstrap, String storeHost, int storePort, Path outputDir) {
      return new Settings(kafkaBootstrap, StoreTopics.STORE_EVENTS, GROUP, storeHost, storePort, 60, outputDir,
          ProbeConfig.defaults());
    }

    public Settings withGroup(String g) {
      return new Settings(kafkaBootstrap, topic, g, storeHost, storePort, storeDeadlineSeconds, outputDir, probes);
    }

    /**
     * From {@code kibitz.probe-service.*} properties: kafka-bootstrap, store-port and output-dir are required;
     * topic, group, store-host (127.0.0.1) and store-deadline-seconds are optional.
     */
    public static Settings fromProperties(Map<String, ?> p) {
      Settings s = of(required(p, "kafka-bootstrap"), optional(p, "store-host", "127.0.0.1"),
          Integer.parseInt(required(p, "store-port")), Path.of(required(p, "output-dir")));
      return new Settings(s.kafkaBootstrap, optional(p, "topic", s.topic), optional(p, "group", s.group),
          s.storeHost, s.storePort, Long.parseLong(optional(p, "store-deadline-seconds", "60")), s.outputDir,
          s.probes);
    }

    private static String required(Map<String, ?> p, String key) {
      Object v = p.get(PREFIX + key);
      if (v == null || v.toString().isBlank()) {
        throw new IllegalArgumentException("property " + PREFIX + key + " is required");
      }
      return v.toString();
    }

    private static String optional(Map<String, ?> p, String key, String fallback) {
      Object v = p.get(PREFIX + key);
      return v == null || v.toString().isBlank() ? fallback : v.toString();
    }
  }

  private final ActivationStoreClient store;
  private final ProbeSink sink;
  private final StoreEventConsumer consumer;

  private ProbeService(Settings s) throws IOException {
    this.store = new ActivationStoreClient(s.storeHost(), s.storePort(), s.storeDeadlineSeconds());
    this.sink = new ProbeSink(store, s.outputDir(), s.probes());
    // One event per poll: a seal can train for minutes, and a crash then costs only that seal.
    this.consumer = new StoreEventConsumer(s.kafkaBootstrap(), s.topic(), s.group(), sink, 1);
  }

  public static ProbeService start(Settings settings) throws IOException {
    ProbeService service = new ProbeService(settings);
    service.consumer.start("probe-service-" + settings.group());
    return service;
  }

  public ProbeSink sink() {
    return sink;
  }

  /** Events applied / skipped as already applied by the consumer, since start. */
  public StoreEventConsumer consumer() {
    return consumer;
  }

  /** Stops after the current event; what was not committed is redelivered to the next member. */
  @Override
  public void close() throws InterruptedException {
    try {
      consumer.close();
    } finally {
      store.close();
    }
  }

  /** Runs until SIGTERM, configured by {@code -Dkibitz.probe-service.*} system properties. */
  public static void main(String[] args) throws Exception {
    Map<String, Object> props = new java.util.HashMap<>();
    System.getProperties().forEach((k, v) -> props.put(k.toString(), v));
    ProbeService service = start(Settings.fromProperties(props));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        service.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        stopped.countDown();
      }
    }, "probe-service-shutdown"));
    stopped.await();
  }
}

package dev.kibitz.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker (KRaft, broker and controller combined) inside this JVM: tests exercise the
 * actual wire protocol, group coordinator and idempotent producer without Docker or a separate process, and the
 * one-JVM embedded mode and the benchmarks get a broker without anything to install.
 *
 * <p>The broker config overrides are not optional: with the defaults (replication factor 3 for the internal
 * topics) a one-node cluster cannot create {@code __consumer_offsets}, and a subscribing consumer never joins
 * its group and silently receives nothing. Log dirs live under a temp dir that {@link #close()} deletes.
 *
 * <p>Booting takes a few seconds; tests share one per class.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final long ADMIN_TIMEOUT_SECONDS = 30;

  private final KafkaClusterTestKit cluster;
  private final Path baseDir;

  private EmbeddedKafka(KafkaClusterTestKit cluster, Path baseDir) {
    this.cluster = cluster;
    this.baseDir = baseDir;
  }

  /** Formats the log dirs, boots the broker and returns once it accepts clients. */
  public static EmbeddedKafka start() throws Exception {
    Path baseDir = Files.createTempDirectory("kibitz-kafka-");
    KafkaClusterTestKit cluster = null;
    try {
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setCombined(true)
          .setNumBrokerNodes(1)
          .setNumControllerNodes(1)
          // the test kit defaults to the newest unreleased features; test what a real 4.1 broker runs
          .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
          .setBaseDirectory(baseDir)
          .build();
      cluster = new KafkaClusterTestKit.Builder(nodes)
          // one node: internal topics must not ask for more replicas than exist (and one partition is plenty)
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("offsets.topic.num.partitions", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("transaction.state.log.num.partitions", "1")
          // no point waiting for more members to join a test's group
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setDeleteOnClose(true)
          .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new EmbeddedKafka(cluster, baseDir);
    } catch (Exception | Error e) {
      if (cluster != null) {
        try {
          cluster.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      deleteRecursively(baseDir);
      throw e;
    }
  }

  /** The broker's client listener, e.g. {@code localhost:41234}. */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** Creates the topic (replication factor 1) and returns once the broker has acknowledged it. */
  public void createTopic(String name, int partitions) throws InterruptedException {
    createTopic(bootstrapServers(), name, partitions);
  }

  /** The same, against any broker; also used by tests that bring their own (Testcontainers). */
  public static void createTopic(String bootstrapServers, String name, int partitions) throws InterruptedException {
    Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(config)) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topic " + name + " on " + bootstrapServers, e);
    }
  }

  /** Stops the broker and controller and deletes their log dirs. */
  @Override
  public void close() throws Exception {
    try {
      cluster.close();
    } finally {
      deleteRecursively(baseDir);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}

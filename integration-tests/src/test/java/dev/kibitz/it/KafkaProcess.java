package dev.kibitz.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) as its own JVM, from the Kafka jars on
 * the test's class path, with its log directory kept across restarts: {@link #kill} is SIGKILL and
 * {@link #start} brings the same broker back on the same port with the same data.
 */
final class KafkaProcess implements AutoCloseable {
  private final Path dir;
  private final Path props;
  private final int port;
  private Process process;

  private KafkaProcess(Path dir, Path props, int port) {
    this.dir = dir;
    this.props = props;
    this.port = port;
  }

  /** Formats a new log directory under {@code dir} and starts the broker. */
  static KafkaProcess create(Path dir) throws Exception {
    Files.createDirectories(dir);
    int port = freePort();
    int controller = freePort();
    Path props = dir.resolve("server.properties");
    Files.writeString(props, String.join("\n",
        "process.roles=broker,controller", "node.id=1",
        "controller.quorum.voters=1@localhost:" + controller,
        "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controller,
        "advertised.listeners=PLAINTEXT://localhost:" + port,
        "controller.listener.names=CONTROLLER", "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dir.resolve("logs"),
        "offsets.topic.replication.factor=1", "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "group.initial.rebalance.delay.ms=0", ""));
    Process format = java(dir.resolve("format.log"), "kafka.tools.StorageTool", "format", "-t",
        Uuid.randomUuid().toString(), "-c", props.toString());
    if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
      throw new IllegalStateException("kafka storage format failed:\n" + Files.readString(dir.resolve("format.log")));
    }
    KafkaProcess k = new KafkaProcess(dir, props, port);
    k.start();
    return k;
  }

  String bootstrapServers() {
    return "localhost:" + port;
  }

  /** Starts the broker (again) and returns once it answers an admin request. */
  void start() throws Exception {
    process = java(dir.resolve("broker-" + System.nanoTime() + ".log"), "kafka.Kafka", props.toString());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("kafka exited with " + process.exitValue());
      }
      try (Admin admin = Admin.create(config)) {
        admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
        return;
      } catch (Exception notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("kafka did not come up within 2 minutes");
  }

  /** SIGKILL: the broker gets no chance to flush or hand over. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  private static Process java(Path log, String main, String... args) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), main));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}

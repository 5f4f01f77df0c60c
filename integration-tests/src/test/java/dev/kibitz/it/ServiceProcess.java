package dev.kibitz.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service of the mesh as its own JVM: {@code kibitz serve NAME ARGS} from the cli artifact's class
 * path, output to a log file. It is ready once it prints its port; {@link #kill} is {@code kill -9}.
 */
final class ServiceProcess implements AutoCloseable {
  private static final Path CLI = Path.of("..", "cli", "target").toAbsolutePath().normalize();
  private static final Pattern PORT = Pattern.compile("on port (\\d+)");
  private final String name;
  private final Path log;
  private final Process process;
  private final int port;

  private ServiceProcess(String name, Path log, Process process, int port) {
    this.name = name;
    this.log = log;
    this.process = process;
    this.port = port;
  }

  /** Starts {@code serve name args} and waits (up to 2 minutes) until it says which port it listens on. */
  static ServiceProcess start(String name, Path logDir, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", CLI.resolve("classes") + ":" + CLI.resolve("lib") + "/*", "dev.kibitz.cli.KibitzCli", "serve", name));
    cmd.addAll(List.of(args));
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + "-" + System.nanoTime() + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      Matcher m = PORT.matcher(Files.readString(log));
      if (m.find()) {
        return new ServiceProcess(name, log, p, Integer.parseInt(m.group(1)));
      }
      if (!p.isAlive()) {
        throw new IllegalStateException(name + " exited with " + p.exitValue() + " before listening:\n" + tail(log));
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new IllegalStateException(name + " did not start within 2 minutes:\n" + tail(log));
  }

  int port() {
    return port;
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  private static String tail(Path log) throws IOException {
    String s = Files.readString(log);
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public String toString() {
    return name + "@" + port;
  }
}

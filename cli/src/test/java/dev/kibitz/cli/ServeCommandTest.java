package dev.kibitz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Argument errors of the serve subcommands: usage errors (exit 2) naming the option, before anything starts. */
class ServeCommandTest {

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = KibitzCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static void assertUsageError(String expected, String... args) {
    Run r = run(args);
    assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
    assertTrue(r.err().contains(expected), String.join(" ", args) + ": " + r.err());
  }

  @Test
  void everyServeSubcommandHasHelp() {
    for (String service : new String[] {"model-server", "activation-store", "steering-service", "probe-service",
        "sae-service"}) {
      Run r = run("serve", service, "--help");
      assertEquals(0, r.code(), service);
      assertTrue(r.out().startsWith("Usage: kibitz serve " + service), r.out());
    }
  }

  @Test
  void steeringServiceNeedsAModelServerAddress() {
    assertUsageError("Missing required option: '--model-server=HOST:PORT'", "serve", "steering-service");
    assertUsageError("expected HOST:PORT, got 'model-server'", "serve", "steering-service", "--model-server",
        "model-server");
    assertUsageError("expected HOST:PORT with a numeric port, got 'store:http'", "serve", "steering-service",
        "--model-server", "model-server:50051", "--store", "store:http");
    assertUsageError("--port must be 0..65535, got 70000", "serve", "steering-service", "--model-server",
        "model-server:50051", "--port", "70000");
  }

  @Test
  void probeServiceNeedsKafkaStoreAndOutputDir() {
    assertUsageError("Missing required options: '--kafka=BOOTSTRAP', '--store=HOST:PORT', '--output-dir=DIR'", "serve",
        "probe-service");
    assertUsageError("port must be 1..65535, got 'store:0'", "serve", "probe-service", "--kafka", "kafka:9092",
        "--store", "store:0", "--output-dir", "out");
    assertUsageError("--health-port must be 0..65535, got -1", "serve", "probe-service", "--kafka", "kafka:9092",
        "--store", "store:50052", "--output-dir", "out", "--health-port", "-1");
  }

  @Test
  void saeServiceRefusesAnUnknownArchitectureOrAnImpossibleWidth() {
    String[] base = {"serve", "sae-service", "--kafka", "kafka:9092", "--store", "store:50052", "--output-dir", "out"};
    assertUsageError("--architecture must be relu-l1, gated, topk or jumprelu, got 'wide'", concat(base,
        "--architecture", "wide"));
    assertUsageError("--width, --steps and --checkpoint-every must be at least 1, got 0, 3000 and 1000", concat(base, "--width", "0"));
    assertUsageError("Invalid value for option '--steps': 'many' is not an int", concat(base, "--steps", "many"));
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}

package dev.kibitz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.modelserver.ModelServerApplication;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KibitzCliTest {

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

  /** Like {@link #run}, for commands that print their results to System.out: that is {@code out}. */
  private static Run runPrinting(String... args) {
    java.io.PrintStream saved = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(printed, true));
    try {
      Run r = run(args);
      return new Run(r.code(), printed.toString(), r.err());
    } finally {
      System.setOut(saved);
    }
  }

  @Test
  void everySubcommandHasHelp() {
    for (String[] cmd : new String[][] {{"--help"}, {"serve", "--help"}, {"serve", "model-server", "--help"},
        {"models", "--help"}, {"models", "list", "--help"}, {"models", "describe", "--help"}, {"demo", "--help"},
        {"bench", "--help"}, {"maze", "--help"}, {"maze", "train", "--help"}, {"maze", "evaluate", "--help"},
        {"maze", "rollout", "--help"}, {"maze", "field", "--help"}, {"maze", "trajectory", "--help"}}) {
      Run r = run(cmd);
      assertEquals(0, r.code(), String.join(" ", cmd));
      assertTrue(r.out().startsWith("Usage: kibitz"), String.join(" ", cmd) + ": " + r.out());
    }
  }

  @Test
  void unknownSubcommandIsAUsageErrorWithExitTwo() {
    Run r = run("frobnicate");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Unmatched argument at index 0: 'frobnicate'"), r.err());
  }

  @Test
  void unknownBenchmarkFailsWithExitOneNamingTheKnownOnes() {
    Run r = run("bench", "nope");
    assertEquals(1, r.code());
    assertTrue(r.err().strip().startsWith("kibitz: no benchmark named 'nope' (known: [forward-hooks, capture-stream, "
        + "maze-field, store-shard, store-kafka-latency"), r.err());
  }

  @Test
  void describingAnUnknownModelPrintsTheServerStatusAndExitsOne() throws Exception {
    try (ApplicationContext ctx = ModelServerApplication.start(Map.of("kibitz.model-server.port", 0,
        "kibitz.model-server.host", "127.0.0.1"))) {
      int port = ctx.getBean(GrpcModelServer.class).port();
      Run r = run("models", "describe", "no-such-model", "--target", "127.0.0.1:" + port);
      assertEquals(1, r.code());
      assertEquals("kibitz: NOT_FOUND: no model named 'no-such-model' (known: resconv-policy, maze-agent, chess-policy)",
          r.err().strip());
    }
  }

  @Test
  void demoStartsAServerAndPrintsCapturesAndInterventionEffect() {
    Run r = runPrinting("demo");
    String out = r.out();
    assertEquals(0, r.code(), r.err());
    assertTrue(out.contains("resconv-policy (checkpoints 2, default init-seed-0)"), out);
    assertTrue(out.contains("27 hook points"), out);
    assertTrue(out.contains("stages.1.res.1.resid_out   shape [1, 32, 7, 7]"), out);
    // the ablation zeroes channels 0-15 of 32 at a 7x7 hook: at least 16 * 49 zeros
    assertTrue(out.matches("(?s).*zeros (78[4-9]|79[0-9]|[89][0-9][0-9]|1[0-5][0-9][0-9])/1568.*"), out);
    assertTrue(out.contains("== Action probabilities"), out);
  }

  @Test
  void unreachableServerIsUnavailableNamingTheConnectionProblem() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run r = run("models", "list", "--target", "127.0.0.1:" + port);
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("kibitz: UNAVAILABLE: io exception ("), r.err());
    assertTrue(r.err().strip().endsWith("Connection refused: /127.0.0.1:" + port + ")"), r.err());
  }

  @Test
  void mazeRolloutPrintsOneJsonLineWhosePathWalksFromTheStartOverFreeSquares() {
    Run r = runPrinting("maze", "rollout", "--seed", "4", "--cheese", "top-right");
    assertEquals(0, r.code(), r.err());
    com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(r.out().strip())
        .getAsJsonObject();
    var maze = new dev.kibitz.games.maze.MazeSpec.Seeded(4, 0, dev.kibitz.games.maze.CheeseRegion.TOP_RIGHT, 5)
        .build();
    var path = o.getAsJsonArray("path");
    assertEquals(o.get("steps").getAsInt() + 1, path.size());
    var first = path.get(0).getAsJsonArray();
    assertEquals(maze.mouseStart(), new dev.kibitz.games.maze.Square(first.get(0).getAsInt(), first.get(1).getAsInt()));
    for (var e : path) {
      var sq = e.getAsJsonArray();
      assertTrue(!maze.isWall(sq.get(0).getAsInt(), sq.get(1).getAsInt()), e.toString());
    }
    var last = path.get(path.size() - 1).getAsJsonArray();
    boolean endsOnCheese = maze.cheese().equals(new dev.kibitz.games.maze.Square(last.get(0).getAsInt(),
        last.get(1).getAsInt()));
    assertEquals(endsOnCheese, o.get("reached_cheese").getAsBoolean());
  }

  @Test
  void mazeFieldWritesAPngOfTheRenderersSize(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path png = dir.resolve("field.png");
    Run r = run("maze", "field", "--seed", "8", "--size", "11", "--out", png.toString(), "--pixels", "10");
    assertEquals(0, r.code(), r.err());
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
    assertEquals((11 + 2) * 10, img.getWidth());
    assertEquals((11 + 2) * 10 + 24, img.getHeight());
  }

  @Test
  void mazeFieldRefusesAnOutputThatIsNeitherPngNorSvg() {
    Run r = run("maze", "field", "--seed", "8", "--out", "field.jpg");
    assertEquals(1, r.code());
    assertEquals("kibitz: --out must end in .png or .svg, got 'field.jpg'", r.err().strip());
  }

  @Test
  void badTargetIsRefusedWithAMessage() {
    Run r = run("models", "list", "--target", "localhost:http");
    assertEquals(1, r.code());
    assertEquals("kibitz: --target must be HOST:PORT, got 'localhost:http'", r.err().strip());
  }
}

package dev.kibitz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kibitz steer cheese-vector} end to end on a few mazes, through both services in this JVM. */
class SteerCommandTest {

  @Test
  void cheeseVectorWritesReportAndFiguresForEveryCondition(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cli = KibitzCli.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("steer", "cheese-vector", "--mazes", "6", "--figures", "1", "--out", dir.toString());
    assertEquals(0, code, err.toString());
    JsonObject report = JsonParser.parseString(Files.readString(dir.resolve("report.json"))).getAsJsonObject();
    assertEquals("stages.1.res.1.resid_out", report.get("hook").getAsString());
    assertEquals(5, report.getAsJsonArray("conditions").size());
    assertTrue(Files.readString(dir.resolve("report.md")).contains("| cheese |"));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.filter(p -> p.getFileName().toString().startsWith("field-diff-")).count());
    }
  }

  @Test
  void cheeseChannelsRanksAblatesRetargetsAndRelocates(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cli = KibitzCli.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("steer", "cheese-channels", "--ranking-mazes", "30", "--mazes", "6", "--retarget-mazes",
        "1", "--values", "8", "--figures", "1", "--out", dir.toString());
    assertEquals(0, code, err.toString());
    JsonObject report = JsonParser.parseString(Files.readString(dir.resolve("report.json"))).getAsJsonObject();
    assertEquals(32, report.getAsJsonArray("ranking").size());
    assertEquals(4, report.getAsJsonArray("top_channels").size());
    assertEquals(4, report.getAsJsonArray("control_channels").size());
    for (var top : report.getAsJsonArray("top_channels")) {
      assertTrue(!report.getAsJsonArray("control_channels").contains(top), "control overlaps top: " + top);
    }
    var conditions = report.getAsJsonArray("conditions");
    assertEquals(9, conditions.size());
    assertEquals("retarget_top4_at_8.0", conditions.get(4).getAsJsonObject().get("condition").getAsString());
    // one maze of side >= 9 has a target in each of its nine regions
    assertEquals(9, conditions.get(4).getAsJsonObject().get("targets").getAsInt());
    assertEquals(9, report.getAsJsonObject("reached_target_by_region").size());
    assertTrue(Files.size(dir.resolve("retarget-regions.png")) > 0);
    assertTrue(Files.readString(dir.resolve("retarget-regions.svg")).contains("relocate_all"));
  }

  @Test
  void resampleWritesTheTwoByTwo(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cli = KibitzCli.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("steer", "resample", "--ranking-mazes", "30", "--mazes", "4", "--out", dir.toString());
    assertEquals(0, code, err.toString());
    JsonObject report = JsonParser.parseString(Files.readString(dir.resolve("report.json"))).getAsJsonObject();
    var conditions = report.getAsJsonArray("conditions");
    assertEquals(4, conditions.size());
    // of held-out seeds 0..3, three find another whose walls leave their cheese square free (deterministic)
    for (var c : conditions) {
      assertEquals(3, c.getAsJsonObject().get("mazes").getAsInt());
      assertEquals(3, c.getAsJsonObject().getAsJsonArray("rows").size());
    }
    assertTrue(Files.readString(dir.resolve("resample-2x2.svg")).contains("control channels"));
  }

  @Test
  void channelExperimentsRefuseImpossibleSizes(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    CommandLine cli = KibitzCli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(1, cli.execute("steer", "resample", "--mazes", "1", "--out", dir.toString()));
    assertTrue(err.toString().contains("--mazes must be at least 2"), err.toString());
    assertEquals(1, cli.execute("steer", "cheese-channels", "--top", "17", "--ranking-mazes", "20", "--out",
        dir.toString()));
    assertTrue(err.toString().contains("--top must be in [1, 16]"), err.toString());
  }

  @Test
  void steerHasHelp() {
    StringWriter out = new StringWriter();
    CommandLine cli = KibitzCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("steer", "cheese-vector", "--help"));
    assertTrue(out.toString().startsWith("Usage: kibitz steer cheese-vector"), out.toString());
  }
}

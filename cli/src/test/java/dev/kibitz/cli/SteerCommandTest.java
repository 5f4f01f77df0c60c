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
  void steerHasHelp() {
    StringWriter out = new StringWriter();
    CommandLine cli = KibitzCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("steer", "cheese-vector", "--help"));
    assertTrue(out.toString().startsWith("Usage: kibitz steer cheese-vector"), out.toString());
  }
}

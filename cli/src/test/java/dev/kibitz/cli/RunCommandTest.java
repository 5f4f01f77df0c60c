package dev.kibitz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kibitz run --validate-only} and {@code kibitz status}: exit codes and what they print. */
class RunCommandTest {
  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    StringWriter cliErr = new StringWriter();
    System.setOut(new PrintStream(o, true));
    System.setErr(new PrintStream(e, true));
    try {
      CommandLine cli = KibitzCli.commandLine();
      cli.setErr(new PrintWriter(cliErr));
      int code = cli.execute(args);
      return new Run(code, o.toString(), e + cliErr.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void aBadSpecExitsTwoListingEveryProblemAndTheDefaultIsValid() throws Exception {
    Path spec = Files.writeString(dir.resolve("bad.yaml"), """
        name: bad
        steps:
          - {name: capture, type: capture, params: {model: maze-agent, hooks: [nope], mazes: 0}}
          - {name: odd, type: juggle}
        """);
    Run r = run("run", "--validate-only", spec.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(spec + " has 3 problems:"), r.err());
    assertTrue(r.err().contains("step 'capture' params.mazes: must be a whole number from 1 to 100000, got 0"), r.err());
    assertTrue(r.err().contains("model 'maze-agent' has no hook point 'nope'"), r.err());
    assertTrue(r.err().contains("unknown step type 'juggle'"), r.err());

    Run ok = run("run", "--validate-only");
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().contains("the default spec is valid"), ok.out());
  }

  @Test
  void missingFilesAndEmptyWorkDirsAreClearErrors() {
    Run r = run("run", "--validate-only", dir.resolve("nope.yaml").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("spec file " + dir.resolve("nope.yaml") + " does not exist"), r.err());
    Run s = run("status", "--work-dir", dir.toString());
    assertEquals(1, s.code());
    assertTrue(s.err().contains("no run state in " + dir), s.err());
  }
}

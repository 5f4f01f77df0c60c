package dev.kibitz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.modelserver.ModelServerApplication;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kibitz models add PATH} and {@code models parity MODEL} against a running server. */
class ModelsAddCommandTest {

  private record Run(int code, String out, String err) {}

  /** Runs the CLI; these commands print to System.out, captured as {@code out}. */
  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = KibitzCli.commandLine();
    cli.setErr(new PrintWriter(err));
    PrintStream saved = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true));
    try {
      int code = cli.execute(args);
      return new Run(code, printed.toString(), err.toString());
    } finally {
      System.setOut(saved);
    }
  }

  @Test
  void addServesAPackageAndParityRechecksIt(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (ApplicationContext ctx = ModelServerApplication.start(Map.of("kibitz.model-server.port", 0,
        "kibitz.model-server.host", "127.0.0.1"))) {
      String target = "127.0.0.1:" + ctx.getBean(GrpcModelServer.class).port();
      Run added = run("models", "add", fixture("maze-resconv-small").toString(), "--target", target);
      assertEquals(0, added.code(), added.err());
      assertTrue(added.out().startsWith("added maze-resconv-small: "), added.out());
      assertTrue(added.out().contains("hook   stages.1"), added.out());
      assertTrue(added.out().contains("parity passed: 12 tensors compared"), added.out());

      Run parity = run("models", "parity", "maze-resconv-small", "--target", target);
      assertEquals(0, parity.code(), parity.err());
      assertTrue(parity.out().contains("ok   edit/zero-channels/output/logits"), parity.out());

      Run missing = run("models", "add", tmp.resolve("nowhere").toString(), "--target", target);
      assertEquals(1, missing.code());
      assertTrue(missing.err().contains("INVALID_ARGUMENT: model package " + tmp.resolve("nowhere")
          + ": not a directory"), missing.err());
    }
  }

  private static Path fixture(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("fixtures/packages").resolve(name))) {
        return p.resolve("fixtures/packages").resolve(name);
      }
    }
    throw new IllegalStateException("fixtures/packages/" + name + " not found");
  }
}

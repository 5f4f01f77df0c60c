package dev.kibitz.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch side of {@link SaeStepBench}: {@code sae_step_torch.py} under Debian's
 * {@code /usr/bin/python3} (python3-torch), kept running so start-up is not timed. It warms up on
 * start and then, per line "N" on stdin, runs N steps and answers with the elapsed nanoseconds.
 */
final class TorchSaeSteps implements AutoCloseable {
  static final String PYTHON = System.getProperty("kibitz.bench.python", "/usr/bin/python3");

  private final Process process;
  private final PrintWriter in;
  private final BufferedReader out;
  private final Path script;

  private TorchSaeSteps(Process process, Path script) {
    this.process = process;
    this.script = script;
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Why the baseline cannot run here, or null when {@code import torch} works. */
  static String unavailable() throws InterruptedException {
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return PYTHON + " cannot import torch (apt-get install python3-torch): "
            + text.substring(Math.max(0, text.length() - 200));
      }
      return null;
    } catch (IOException e) {
      return PYTHON + " not runnable: " + e.getMessage();
    }
  }

  static TorchSaeSteps start(int batch, int d, int width, double l1, double lr, int warmup, int threads)
      throws IOException {
    Path script = Files.createTempFile("kibitz-sae-step-", ".py");
    try (InputStream s = TorchSaeSteps.class.getResourceAsStream("sae_step_torch.py")) {
      Files.write(script, s.readAllBytes());
    }
    Process p = new ProcessBuilder(PYTHON, script.toString(), "--batch", "" + batch, "--d", "" + d, "--width",
        "" + width, "--l1", "" + l1, "--lr", "" + lr, "--warmup", "" + warmup, "--threads", "" + threads)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    TorchSaeSteps t = new TorchSaeSteps(p, script);
    String ready = t.out.readLine();
    if (!"ready".equals(ready)) {
      t.close();
      throw new IOException("torch side did not start: " + ready);
    }
    return t;
  }

  /** Runs {@code n} steps; their wall time in nanoseconds, measured in Python. */
  long steps(int n) throws IOException {
    in.println(n);
    String line = out.readLine();
    if (line == null) {
      throw new IOException("torch side exited");
    }
    return Long.parseLong(line.strip());
  }

  @Override
  public void close() throws IOException {
    in.close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
      }
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(script);
  }
}

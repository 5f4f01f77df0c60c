package dev.kibitz.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void drawsTheFirstUpdateThrottlesTheRestAndAlwaysDrawsAndEndsTheLastStep() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar("work", 1000, new PrintStream(bytes, true));
    for (int i = 1; i <= 1000; i++) {
      bar.update(i, "note " + i);
    }
    String out = bytes.toString();
    String[] frames = out.split("\r", -1);
    assertTrue(frames.length - 1 < 1000 / 2, "redrew " + (frames.length - 1) + " times");
    assertTrue(frames[1].startsWith("work"), frames[1]);
    assertTrue(frames[1].contains("[" + ".".repeat(30) + "] 1/1000"), frames[1]);
    String last = frames[frames.length - 1];
    assertTrue(last.contains("[" + "#".repeat(30) + "] 1000/1000"), last);
    assertTrue(last.endsWith("note 1000" + System.lineSeparator()), last);
    assertEquals(1, out.split(System.lineSeparator(), -1).length - 1);
  }
}

package dev.kibitz.games.zoo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Files a shipped zoo model keeps as classpath resources (checkpoints, logs, model cards). */
public final class ZooResources {
  private ZooResources() {}

  /** The bytes of {@code dir + name} (dir an absolute resource folder ending in '/'), or null when absent. */
  public static byte[] bytes(String dir, String name) {
    try (InputStream in = ZooResources.class.getResourceAsStream(dir + name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  /** The same as UTF-8 text, or null. */
  public static String text(String dir, String name) {
    byte[] b = bytes(dir, name);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }
}

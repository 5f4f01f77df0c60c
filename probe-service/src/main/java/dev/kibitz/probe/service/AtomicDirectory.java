package dev.kibitz.probe.service;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Publishes a folder all at once: it is written under a hidden name beside the target ({@code .name.tmp-uuid}),
 * every file and folder is forced to disk, and only then is it renamed to the target (atomic on POSIX) and the
 * parent forced. A crash leaves the target absent or whole; readers skip names that start with '.'.
 */
final class AtomicDirectory {
  private AtomicDirectory() {}

  /** Fills a new, empty folder. */
  @FunctionalInterface
  interface Writer {
    void write(Path dir) throws IOException;
  }

  /** Creates {@code target} as {@code writer} fills it; false, with nothing changed, if it already exists. */
  static boolean create(Path target, Writer writer) throws IOException {
    if (Files.exists(target)) {
      return false;
    }
    Path staging = staging(target, "tmp");
    try {
      stage(staging, writer);
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileSystemException e) {
        // Another writer published first (rename fails on a non-empty target); theirs stands.
        if (Files.exists(target)) {
          return false;
        }
        throw e;
      }
      force(target.getParent());
      return true;
    } finally {
      deleteTree(staging);
    }
  }

  /**
   * Replaces {@code target} (if any) with what {@code writer} writes. The swap is two renames: a crash
   * between them leaves no target, which callers treat as "not written yet".
   */
  static void replace(Path target, Writer writer) throws IOException {
    Path staging = staging(target, "tmp");
    Path old = staging(target, "old");
    try {
      stage(staging, writer);
      if (Files.exists(target)) {
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      force(target.getParent());
    } finally {
      deleteTree(staging);
      deleteTree(old);
    }
  }

  private static Path staging(Path target, String kind) {
    return target.resolveSibling("." + target.getFileName() + "." + kind + "-" + UUID.randomUUID());
  }

  private static void stage(Path staging, Writer writer) throws IOException {
    Files.createDirectories(staging);
    writer.write(staging);
    List<Path> all;
    try (Stream<Path> s = Files.walk(staging)) {
      all = s.sorted(Comparator.reverseOrder()).toList();
    }
    // Children before their folders, so each folder is forced after its entries exist.
    for (Path p : all) {
      force(p);
    }
  }

  private static void force(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
        ch.force(true);
      } catch (IOException e) {
        // Some file systems cannot open folders; the rename is still atomic there.
      }
    } else {
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> s = Files.walk(dir)) {
      all = s.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }
}

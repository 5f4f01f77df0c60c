package dev.kibitz.core.modelpackage;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the committed packages under fixtures/packages (made by tools/make_fixtures.py). */
final class PackageFixtures {
  private PackageFixtures() {}

  static Path dir(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("fixtures/packages").resolve(name);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("fixtures/packages/" + name + " not found above " + Path.of("").toAbsolutePath());
  }
}

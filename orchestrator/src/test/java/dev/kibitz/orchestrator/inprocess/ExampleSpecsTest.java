package dev.kibitz.orchestrator.inprocess;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kibitz.orchestrator.Orchestrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every spec under examples/ (and the built-in default) validates against the zoo's models. */
class ExampleSpecsTest {
  @TempDir
  Path dir;

  @Test
  void everyExampleSpecValidates() throws Exception {
    Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
    List<Path> specs;
    try (Stream<Path> s = Files.list(examples)) {
      specs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(specs.isEmpty(), "no specs in " + examples);
    String home = System.getProperty("kibitz.home");
    System.setProperty("kibitz.home", examples.getParent().toString()); // data/chess is the project's
    try (InProcessServices services = InProcessServices.start();
        Orchestrator orchestrator = new Orchestrator(services, dir, null, null, null, 1)) {
      orchestrator.runner().validator().validate(Orchestrator.defaultSpec(), "the default spec");
      for (Path spec : specs) {
        orchestrator.runner().validator().validate(Files.readString(spec), spec.getFileName().toString());
      }
    } finally {
      if (home == null) {
        System.clearProperty("kibitz.home");
      } else {
        System.setProperty("kibitz.home", home);
      }
    }
  }
}

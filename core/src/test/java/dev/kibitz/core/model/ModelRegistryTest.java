package dev.kibitz.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The registry finds models by name, loads each checkpoint once and refuses unknown names with NOT_FOUND. */
class ModelRegistryTest {

  /** A model with checkpoints step-0 (default) and step-1 whose loader counts its calls. */
  private static ModelEntry entry(String name, AtomicInteger loads) {
    return new ModelEntry(name, "pass-through test model",
        List.of(new ModelEntry.Checkpoint("step-0", "first"), new ModelEntry.Checkpoint("step-1", "second")),
        "step-0", "# card", (checkpoint, device) -> {
          loads.incrementAndGet();
          return TinyModels.passThrough();
        });
  }

  private static ModelRegistry registryOf(String... names) {
    ModelRegistry registry = new ModelRegistry(Device.cpu());
    for (String n : names) {
      registry.register(entry(n, new AtomicInteger()));
    }
    return registry;
  }

  @Test
  void unknownModelIsNotFoundNamingTheKnownOnes() {
    try (ModelRegistry registry = registryOf("alpha", "beta")) {
      KibitzException e = assertThrows(KibitzException.class, () -> registry.model("gamma", ""));

      assertEquals(KibitzException.Reason.NOT_FOUND, e.reason());
      assertEquals("no model named 'gamma' (known: alpha, beta)", e.getMessage());
    }
  }

  @Test
  void unknownCheckpointIsNotFoundNamingTheModelsCheckpointsAndLoadsNothing() {
    AtomicInteger loads = new AtomicInteger();
    try (ModelRegistry registry = new ModelRegistry(Device.cpu())) {
      registry.register(entry("alpha", loads));

      KibitzException e = assertThrows(KibitzException.class, () -> registry.model("alpha", "step-9"));

      assertEquals(KibitzException.Reason.NOT_FOUND, e.reason());
      assertEquals("model 'alpha' has no checkpoint 'step-9' (checkpoints: step-0, step-1)", e.getMessage());
      assertEquals(0, loads.get());
    }
  }

  @Test
  void sameCheckpointIsLoadedOnceAndAnEmptyNameMeansTheDefault() {
    AtomicInteger loads = new AtomicInteger();
    try (ModelRegistry registry = new ModelRegistry(Device.cpu())) {
      registry.register(entry("alpha", loads));

      HookedModel first = registry.model("alpha", "step-0");
      assertSame(first, registry.model("alpha", "step-0"));
      assertSame(first, registry.model("alpha", ""));
      assertSame(first, registry.model("alpha", null));
      assertEquals(1, loads.get());

      HookedModel other = registry.model("alpha", "step-1");
      assertNotSame(first, other);
      assertSame(other, registry.model("alpha", "step-1"));
      assertEquals(2, loads.get());
    }
  }

  @Test
  void concurrentRequestsForOneCheckpointLoadItOnce() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (ModelRegistry registry = new ModelRegistry(Device.cpu())) {
      registry.register(entry("alpha", loads));
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HookedModel>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<HookedModel> get = () -> {
          start.await();
          return registry.model("alpha", "step-1");
        };
        results.add(pool.submit(get));
      }
      start.countDown();

      HookedModel first = results.get(0).get();
      for (Future<HookedModel> r : results) {
        assertSame(first, r.get());
      }
      assertEquals(1, loads.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closingTheRegistryClosesTheLoadedModels() {
    HookedModel model;
    try (ModelRegistry registry = registryOf("alpha")) {
      model = registry.model("alpha", "");
    }

    assertFalse(model.manager().isOpen());
  }

  @Test
  void registeringANameTwiceIsRefused() {
    try (ModelRegistry registry = registryOf("alpha")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> registry.register(entry("alpha", new AtomicInteger())));

      assertEquals("model 'alpha' is already registered", e.getMessage());
    }
  }

  @Test
  void entriesAreListedInRegistrationOrder() {
    try (ModelRegistry registry = registryOf("beta", "alpha")) {
      assertEquals(List.of("beta", "alpha"), registry.list().stream().map(ModelEntry::name).toList());
      assertEquals("step-0", registry.entry("alpha").defaultCheckpoint());
    }
  }
}

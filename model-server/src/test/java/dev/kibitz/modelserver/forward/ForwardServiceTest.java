package dev.kibitz.modelserver.forward;

import static dev.kibitz.modelserver.testing.ForwardFixtures.obs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.games.zoo.ZooModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The domain without a transport: session accounting, batch numbering, cancellation. */
class ForwardServiceTest {
  private static ModelRegistry registry;

  @BeforeAll
  static void loadZoo() {
    registry = new ModelRegistry(Device.cpu());
    ZooModels.registerAll(registry);
  }

  @AfterAll
  static void closeZoo() {
    registry.close();
  }

  private static SessionSpec capture(String... hooks) {
    return new SessionSpec("resconv-policy", "", List.of(hooks), List.of());
  }

  @Test
  void openSessionsCountUntilReleasedAndTheLimitRefusesOneMore() {
    ForwardService service = new ForwardService(registry, 2);
    ForwardSession a = service.open(capture());
    ForwardSession b = service.open(capture());

    KibitzException e = assertThrows(KibitzException.class, () -> service.open(capture()));

    assertEquals(KibitzException.Reason.RESOURCE_EXHAUSTED, e.reason());
    assertEquals(2, service.openSessions());
    service.release(a);
    ForwardSession c = service.open(capture());
    assertEquals(2, service.openSessions());
    service.release(b);
    service.release(c);
    assertEquals(0, service.openSessions());
  }

  @Test
  void aPlanThatFailsValidationOpensNoSession() {
    ForwardService service = new ForwardService(registry, 2);

    KibitzException e = assertThrows(KibitzException.class, () -> service.open(capture("nowhere")));

    assertEquals(KibitzException.Reason.INVALID_ARGUMENT, e.reason());
    assertEquals(0, service.openSessions());
  }

  @Test
  void batchesAreNumberedPerSessionAndCounted() {
    ForwardService service = new ForwardService(registry, 2);
    ForwardSession session = service.open(capture("fc_out"));

    for (int i = 0; i < 3; i++) {
      BatchResult r = session.run(obs(i, i + 1), Map.of(), () -> false);
      assertEquals(i, r.batchIndex());
      assertEquals(i + 1, r.batchSize());
      assertArrayEquals(new long[] {i + 1, 256}, r.captures().get("fc_out").shape());
      assertEquals((i + 1) * (5 + 1 + 256) * 4L, r.byteSize());
    }

    assertEquals(3, session.batchesRun());
    service.release(session);
  }

  @Test
  void cancelledPassStopsAtTheFirstHookAndIsNotCounted() {
    ForwardService service = new ForwardService(registry, 2);
    ForwardSession session = service.open(capture());

    KibitzException e = assertThrows(KibitzException.class, () -> session.run(obs(1, 1), Map.of(), () -> true));

    assertEquals(KibitzException.Reason.CANCELLED, e.reason());
    assertEquals("forward pass cancelled at hook 'stages.0.conv_out'", e.getMessage());
    assertEquals(0, session.batchesRun());
    assertEquals(0, session.run(obs(1, 1), Map.of(), () -> false).batchIndex());
    service.release(session);
  }
}

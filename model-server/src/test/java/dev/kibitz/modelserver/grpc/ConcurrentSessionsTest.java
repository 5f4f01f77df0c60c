package dev.kibitz.modelserver.grpc;

import static dev.kibitz.modelserver.testing.ForwardFixtures.addPerChannel;
import static dev.kibitz.modelserver.testing.ForwardFixtures.assertSameTensors;
import static dev.kibitz.modelserver.testing.ForwardFixtures.obs;
import static dev.kibitz.modelserver.testing.ForwardFixtures.open;
import static dev.kibitz.modelserver.testing.ForwardFixtures.runInProcess;
import static dev.kibitz.modelserver.testing.ForwardFixtures.setAt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.testing.TestServer;
import dev.kibitz.proto.v1.Ablate;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.Intervention;
import dev.kibitz.proto.v1.Scale;
import dev.kibitz.proto.v1.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sessions of several clients run at once without seeing each other's interventions or batches. */
class ConcurrentSessionsTest {
  private static final int BATCHES = 6;
  private static final int BATCH_SIZE = 4;

  private static TestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** One plan per client, each changing a different hook. */
  private static List<ForwardOpen> plans() {
    return List.of(
        open("stages.1.res.0.resid_out", "fc_out")
            .addInterventions(addPerChannel("stages.1.res.0.resid_out", 32, 51, 3f)).build(),
        open("stages.0.pool_out", "fc_out")
            .addInterventions(setAt("stages.0.pool_out", 9, 0, 12, -4f)).build(),
        open("fc_out").addInterventions(Intervention.newBuilder().setHook("fc_out")
            .setSelector(Selector.newBuilder().addChannels(0).addChannels(7).addChannels(255))
            .setScale(Scale.newBuilder().setFactor(-1.5f))).build(),
        open("stages.2.conv_out", "fc_out").setCheckpoint("init-seed-1")
            .addInterventions(Intervention.newBuilder().setHook("stages.2.conv_out")
                .setSelector(Selector.newBuilder().addExamples(1).addExamples(3))
                .setAblate(Ablate.newBuilder().setMode(Ablate.Mode.MODE_ZERO))).build());
  }

  private static List<Map<String, HostTensor>> batches(int client) {
    List<Map<String, HostTensor>> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      batches.add(obs(1000L * client + b, BATCH_SIZE));
    }
    return batches;
  }

  @Test
  void fourClientsWithDifferentInterventionsEachGetTheirInProcessAnswers() throws Exception {
    List<ForwardOpen> plans = plans();
    int clients = plans.size();
    AtomicInteger sessionsAtOnce = new AtomicInteger();
    CyclicBarrier allOpen = new CyclicBarrier(clients,
        () -> sessionsAtOnce.set(server.forwardService().openSessions()));
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<List<BatchResult>>> answers = new ArrayList<>();
    try {
      for (int c = 0; c < clients; c++) {
        ForwardOpen plan = plans.get(c);
        List<Map<String, HostTensor>> batches = batches(c);
        answers.add(pool.submit(() -> {
          try (ModelServerClient client = server.newClient(); ForwardStream stream = client.openForward(plan)) {
            allOpen.await(10, TimeUnit.SECONDS);
            List<BatchResult> replies = new ArrayList<>();
            // Half one at a time, half pipelined.
            for (int b = 0; b < BATCHES / 2; b++) {
              replies.add(stream.forward(batches.get(b)));
            }
            batches.subList(BATCHES / 2, BATCHES).forEach(stream::send);
            for (int b = BATCHES / 2; b < BATCHES; b++) {
              replies.add(stream.receive());
            }
            return replies;
          }
        }));
      }

      List<List<BatchResult>> received = new ArrayList<>();
      for (Future<List<BatchResult>> a : answers) {
        received.add(a.get(60, TimeUnit.SECONDS));
      }

      assertEquals(clients, sessionsAtOnce.get(), "sessions open at once");
      for (int c = 0; c < clients; c++) {
        List<BatchResult> replies = received.get(c);
        List<BatchResult> expected = runInProcess(server.forwardService(), plans.get(c), batches(c));
        for (int b = 0; b < BATCHES; b++) {
          String what = "client " + c + " batch " + b;
          assertEquals(b, replies.get(b).batchIndex(), what);
          assertEquals(BATCH_SIZE, replies.get(b).batchSize(), what);
          assertSameTensors(expected.get(b).outputs(), replies.get(b).outputs(), what + " output");
          assertSameTensors(expected.get(b).captures(), replies.get(b).captures(), what + " capture");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    server.awaitNoOpenSessions();
  }
}

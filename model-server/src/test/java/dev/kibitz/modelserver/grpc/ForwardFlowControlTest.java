package dev.kibitz.modelserver.grpc;

import static dev.kibitz.modelserver.testing.ForwardFixtures.allHooks;
import static dev.kibitz.modelserver.testing.ForwardFixtures.batchRequest;
import static dev.kibitz.modelserver.testing.ForwardFixtures.observations;
import static dev.kibitz.modelserver.testing.ForwardFixtures.open;
import static dev.kibitz.modelserver.testing.ForwardFixtures.openRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.testing.CountingModel;
import dev.kibitz.modelserver.testing.ManualForwardCall;
import dev.kibitz.modelserver.testing.TestServer;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.ForwardResponse;
import dev.kibitz.proto.v1.TensorPart;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading holds its session back: the server runs no further batches while
 * one batch's answer waits on the client, however many batches the client has sent.
 */
class ForwardFlowControlTest {
  private static final String COUNTED = "resconv-policy-counted";
  private static final int BATCHES = 40;
  private static final int BATCH_SIZE = 64;

  private static TestServer server;
  private static ModelServerClient client;
  private static CountingModel model;

  @BeforeAll
  static void startServer() throws Exception {
    server = TestServer.start();
    client = server.newClient();
    model = CountingModel.register(server.context().getBean(ModelRegistry.class), "resconv-policy", COUNTED);
  }

  @AfterAll
  static void stopServer() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void clientThatStopsReadingStopsTheSessionAfterOneBatchAndGetsEveryBatchInOrderWhenItReadsAgain()
      throws Exception {
    // Every hook of 64 examples: about 13 MB of answer per batch, far beyond HTTP/2 windows.
    ForwardOpen plan = open(allHooks().toArray(String[]::new)).setModel(COUNTED).build();
    ForwardRequest batch = batchRequest(observations(21, BATCH_SIZE));
    ManualForwardCall call = ManualForwardCall.start(TestServer.rawStub(client), 1);
    call.send(openRequest(plan));
    for (int i = 0; i < BATCHES; i++) {
      call.send(batch);
    }
    assertTrue(call.next().hasOpened());

    TestServer.awaitValue(1, model::forwards, "forward passes once the first batch arrives");
    Thread.sleep(1000); // time for a server that ignored flow control to run ahead
    assertTrue(model.forwards() <= 2, "forward passes while the client reads nothing: " + model.forwards());
    assertEquals(1, server.forwardService().openSessions());

    long bytesPerBatch = 0;
    for (int i = 0; i < BATCHES; i++) {
      long bytes = 0;
      ForwardResponse r;
      while ((r = call.requestNext()).hasPart()) {
        TensorPart p = r.getPart();
        assertEquals(i, p.getBatchIndex());
        bytes += p.getData().size();
      }
      assertEquals(i, r.getBatchEnd().getBatchIndex());
      assertEquals(BATCH_SIZE, r.getBatchEnd().getBatchSize());
      if (i == 0) {
        bytesPerBatch = bytes;
      }
      assertEquals(bytesPerBatch, bytes, "batch " + i + " bytes");
    }
    call.halfClose();

    assertEquals(Status.OK, call.awaitEnd());
    assertEquals(BATCHES, model.forwards());
    // Per example: 6 output floats and 50726 captured floats (28928 + 16384 + 5152 in the stages, 262 after).
    assertEquals(BATCH_SIZE * (6 + 50726L) * 4, bytesPerBatch);
    server.awaitNoOpenSessions();
  }
}

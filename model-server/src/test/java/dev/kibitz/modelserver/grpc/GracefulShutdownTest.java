package dev.kibitz.modelserver.grpc;

import static dev.kibitz.modelserver.testing.ForwardFixtures.allHooks;
import static dev.kibitz.modelserver.testing.ForwardFixtures.assertSameTensors;
import static dev.kibitz.modelserver.testing.ForwardFixtures.batchRequest;
import static dev.kibitz.modelserver.testing.ForwardFixtures.observations;
import static dev.kibitz.modelserver.testing.ForwardFixtures.open;
import static dev.kibitz.modelserver.testing.ForwardFixtures.openRequest;
import static dev.kibitz.modelserver.testing.ForwardFixtures.runInProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.testing.ManualForwardCall;
import dev.kibitz.modelserver.testing.ManualForwardCall.ReceivedBatch;
import dev.kibitz.modelserver.testing.TestServer;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.TensorPart;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping the server lets each open Forward finish the batch it is answering, then ends the
 * stream with UNAVAILABLE; the port takes no new connections. One server per test: each stops it.
 */
class GracefulShutdownTest {
  private TestServer server;
  private ModelServerClient client;

  @BeforeEach
  void startServer() throws Exception {
    server = TestServer.start();
    client = server.newClient();
  }

  @AfterEach
  void stopServer() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void stopDuringALargeBatchDeliversItsWholeAnswerThenUnavailableAndRefusesNewClients() throws Exception {
    ForwardOpen plan = open(allHooks().toArray(String[]::new)).build();
    HostTensor obs = observations(41, 256);
    ManualForwardCall call = ManualForwardCall.start(TestServer.rawStub(client), 1);
    call.send(openRequest(plan)).send(batchRequest(obs));
    assertTrue(call.next().hasOpened());
    // The first part means the batch is computed and its ~52 MB answer is waiting on this client.
    TensorPart first = call.requestNext().getPart();
    assertEquals("logits", first.getName());
    assertEquals(256 * 5 * 4, first.getTotalBytes());

    Thread stopper = new Thread(() -> {
      try {
        server.grpcServer().stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "test-stop");
    stopper.start();
    awaitStopWaitingForCalls(stopper);

    ReceivedBatch rest = call.readBatch(0);
    Status end = call.awaitEnd();
    stopper.join(10_000);
    assertFalse(stopper.isAlive(), "stop() returns once the last stream has ended");

    assertEquals(256, rest.end().getBatchSize());
    BatchResult expected = runInProcess(server.forwardService(), plan, List.of(Map.of("obs", obs))).get(0);
    assertEquals(expected.outputs().get("logits").data(), first.getData().asReadOnlyByteBuffer());
    assertSameTensors(Map.of("value", expected.outputs().get("value")), rest.outputs(), "output");
    assertSameTensors(expected.captures(), rest.captures(), "capture");
    assertEquals(Status.Code.UNAVAILABLE, end.getCode(), end::toString);
    assertEquals("the model server is shutting down; batches sent so far were answered, reconnect to continue",
        end.getDescription());
    assertEquals(0, server.forwardService().openSessions());
    assertRefused();
  }

  @Test
  void stopEndsAnIdleSessionWithUnavailable() throws Exception {
    ManualForwardCall call = ManualForwardCall.start(TestServer.rawStub(client), 1);
    call.send(openRequest(open("fc_out").build()));
    assertTrue(call.next().hasOpened());

    server.grpcServer().stop();

    Status end = call.awaitEnd();
    assertEquals(Status.Code.UNAVAILABLE, end.getCode(), end::toString);
    assertEquals("the model server is shutting down", end.getDescription());
    assertEquals(0, server.forwardService().openSessions());
    assertRefused();
  }

  /**
   * Waits until stop() has closed the listener, told the open streams, and sits waiting for them
   * to end (the stopping thread parks in awaitTermination).
   */
  private void awaitStopWaitingForCalls(Thread stopper) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    boolean refusing = false;
    while (System.nanoTime() < until && !(refusing && stopper.getState() == Thread.State.TIMED_WAITING)) {
      if (!refusing) {
        try (ModelServerClient probe = server.newClient()) {
          probe.listModels();
        } catch (StatusRuntimeException e) {
          refusing = true;
        }
      }
      Thread.sleep(10);
    }
    assertTrue(refusing, "the server still takes new calls");
    assertEquals(Thread.State.TIMED_WAITING, stopper.getState(), "stop() is not waiting for calls");
  }

  private void assertRefused() throws InterruptedException {
    try (ModelServerClient late = server.newClient()) {
      Status status = assertThrows(StatusRuntimeException.class, late::listModels).getStatus();
      assertEquals(Status.Code.UNAVAILABLE, status.getCode(), status::toString);
    }
  }
}

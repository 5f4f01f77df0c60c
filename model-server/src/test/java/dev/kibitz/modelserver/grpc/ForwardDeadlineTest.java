package dev.kibitz.modelserver.grpc;

import static dev.kibitz.modelserver.testing.ForwardFixtures.allHooks;
import static dev.kibitz.modelserver.testing.ForwardFixtures.batchRequest;
import static dev.kibitz.modelserver.testing.ForwardFixtures.obs;
import static dev.kibitz.modelserver.testing.ForwardFixtures.observations;
import static dev.kibitz.modelserver.testing.ForwardFixtures.open;
import static dev.kibitz.modelserver.testing.ForwardFixtures.openRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.testing.ManualForwardCall;
import dev.kibitz.modelserver.testing.SharedServer;
import dev.kibitz.modelserver.testing.TestServer;
import dev.kibitz.proto.v1.ForwardOpen;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Forward that runs out of time or is cancelled by its client ends on both sides: the client
 * gets the status, the server frees the session and stream, and goes on serving.
 */
class ForwardDeadlineTest extends SharedServer {
  /** Every hook: 64 examples make about 13 MB of answer, still being sent when the call ends. */
  private static final ForwardOpen ALL_HOOKS = open(allHooks().toArray(String[]::new)).build();


  @AfterEach
  void serverFreesTheSessionAndServesANewClient() throws Exception {
    server.awaitNoOpenSessions();
    try (ModelServerClient fresh = server.newClient();
        ForwardStream stream = fresh.openForward(open("fc_out").build())) {
      assertEquals(2, stream.forward(obs(1, 2)).batchSize());
    }
  }

  @Test
  void idleSessionPastItsDeadlineIsDeadlineExceeded() {
    try (ForwardStream stream = client.openForward(open("fc_out").build(), 500, TimeUnit.MILLISECONDS)) {
      assertEquals(1, server.forwardService().openSessions());

      Status status = assertThrows(StatusRuntimeException.class, stream::receive).getStatus();

      assertEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode(), status::toString);
    }
  }

  @Test
  void deadlinePassingWhileAnAnswerWaitsOnTheClientIsDeadlineExceeded() throws InterruptedException {
    ManualForwardCall call = ManualForwardCall.start(
        TestServer.rawStub(client).withDeadlineAfter(2, TimeUnit.SECONDS), 2);
    call.send(openRequest(ALL_HOOKS)).send(batchRequest(observations(31, 64)));
    assertTrue(call.next().hasOpened());
    assertTrue(call.next().hasPart());

    Status status = call.awaitEndWithoutReading();

    assertEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode(), status::toString);
  }

  @Test
  void clientCancelInTheMiddleOfAnAnswerEndsTheSession() throws InterruptedException {
    ManualForwardCall call = ManualForwardCall.start(TestServer.rawStub(client), 2);
    call.send(openRequest(ALL_HOOKS)).send(batchRequest(observations(32, 64)));
    assertTrue(call.next().hasOpened());
    assertTrue(call.next().hasPart());

    call.cancel("the client lost interest");
    Status status = call.awaitEnd();

    assertEquals(Status.Code.CANCELLED, status.getCode(), status::toString);
    assertEquals("the client lost interest", status.getDescription());
  }

  @Test
  void cancellingTheClientContextEndsAForwardStreamSession() throws Exception {
    Context.CancellableContext context = Context.current().withCancellation();
    ForwardStream stream = context.call(() -> client.openForward(open("fc_out").build()));
    assertEquals(1, stream.forward(obs(2, 1)).batchSize());

    context.cancel(null);
    Status status = assertThrows(StatusRuntimeException.class, stream::receive).getStatus();

    assertEquals(Status.Code.CANCELLED, status.getCode(), status::toString);
    stream.close();
  }
}

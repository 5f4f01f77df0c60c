package dev.kibitz.modelserver.grpc;

import static dev.kibitz.modelserver.testing.ForwardFixtures.OBS_BYTES;
import static dev.kibitz.modelserver.testing.ForwardFixtures.obs;
import static dev.kibitz.modelserver.testing.ForwardFixtures.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.testing.ForwardFixtures;
import dev.kibitz.modelserver.testing.ManualForwardCall;
import dev.kibitz.modelserver.testing.TestServer;
import dev.kibitz.proto.v1.ModelServiceGrpc;
import dev.kibitz.proto.v1.Add;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.Intervention;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server limits refuse with RESOURCE_EXHAUSTED and free what they refused: a server with a
 * 64 KiB message limit and room for one session.
 */
class ForwardLimitsTest {
  private static final int MAX_MESSAGE = 65536;

  private static TestServer server;
  private static ModelServerClient client;

  @BeforeAll
  static void startServer() throws Exception {
    server = TestServer.start(Map.of("max-inbound-message-bytes", MAX_MESSAGE, "max-sessions", 1));
    client = server.newClient();
  }

  @AfterAll
  static void stopServer() throws Exception {
    client.close();
    server.close();
  }

  @BeforeEach
  void noSessionIsOpen() throws InterruptedException {
    server.awaitNoOpenSessions();
  }

  @Test
  void openLargerThanTheMessageLimitIsResourceExhaustedGivingTheLimit() throws Exception {
    // A per-example Add vector for a batch of 2 at stages.0.conv_out: 2*16*25*25 floats = 80000 bytes.
    float[] values = new float[2 * 16 * 25 * 25];
    Intervention add = Intervention.newBuilder().setHook("stages.0.conv_out").setAdd(Add.newBuilder().setCoefficient(1)
        .setVector(TensorCodec.toProto(HostTensor.ofFloats(new long[] {2, 16, 25, 25}, values)))).build();
    ForwardOpen open = open().addInterventions(add).build();

    Status status = assertThrows(StatusRuntimeException.class, () -> client.openForward(open)).getStatus();

    assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status::toString);
    assertEquals("gRPC message exceeds maximum size " + MAX_MESSAGE + ": "
        + ForwardRequest.newBuilder().setOpen(open).build().getSerializedSize(), status.getDescription());
    server.awaitNoOpenSessions();
    try (ForwardStream next = client.openForward(open("fc_out").build())) {
      assertEquals(1, next.forward(obs(3, 1)).batchSize());
    }
  }

  @Test
  void forwardStreamRefusesABatchOverTheServersLimitBeforeSendingAndStaysUsable() throws Exception {
    assertTrue(8 * OBS_BYTES < MAX_MESSAGE && 9 * OBS_BYTES > MAX_MESSAGE);
    try (ForwardStream stream = client.openForward(open("fc_out").build())) {
      assertEquals(MAX_MESSAGE, stream.opened().getMaxRequestBytes());
      assertEquals(8, stream.forward(obs(1, 8)).batchSize());
      int size = ForwardFixtures.batchRequest(ForwardFixtures.observations(2, 9)).getSerializedSize();

      Status status = assertThrows(StatusRuntimeException.class, () -> stream.forward(obs(2, 9))).getStatus();

      assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status::toString);
      assertEquals("batch request of " + size + " bytes exceeds the server's limit of " + MAX_MESSAGE
          + " bytes (kibitz.model-server.max-inbound-message-bytes); send smaller batches", status.getDescription());
      assertEquals(8, stream.forward(obs(3, 8)).batchSize());
    }
  }

  /**
   * A client that ignores max_request_bytes: grpc-java's Netty server enforces the limit while
   * deframing; once the stream has sent its response headers (SessionOpened) it can only reset the
   * stream, so the client sees CANCELLED rather than RESOURCE_EXHAUSTED (grpc/grpc-java#11245,
   * open in 1.68). This pins that: the server refuses the batch without buffering it, frees the
   * session, and keeps serving.
   */
  @Test
  void rawBatchLargerThanTheMessageLimitResetsTheStreamAndFreesTheSession() throws Exception {
    ManualForwardCall call = ManualForwardCall.start(ModelServiceGrpc.newStub(client.channel()), 1);
    call.send(ForwardFixtures.openRequest(open("fc_out").build()));
    assertTrue(call.next().hasOpened());
    call.send(ForwardFixtures.batchRequest(ForwardFixtures.observations(2, 9)));

    Status status = call.awaitEnd();

    assertEquals(Status.Code.CANCELLED, status.getCode(), status::toString);
    assertEquals("RST_STREAM closed stream. HTTP/2 error code: CANCEL", status.getDescription());
    server.awaitNoOpenSessions();
    try (ForwardStream next = client.openForward(open("fc_out").build())) {
      assertEquals(8, next.forward(obs(3, 8)).batchSize());
    }
  }

  @Test
  void secondConcurrentSessionIsResourceExhaustedWhileTheFirstKeepsWorking() throws Exception {
    try (ModelServerClient other = server.newClient();
        ForwardStream first = client.openForward(open("fc_out").build())) {
      assertEquals(1, server.forwardService().openSessions());

      Status status = assertThrows(StatusRuntimeException.class,
          () -> other.openForward(open("fc_out").build())).getStatus();

      assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status::toString);
      assertEquals("the server already has 1 open forward sessions (kibitz.model-server.max-sessions)",
          status.getDescription());
      assertEquals(2, first.forward(obs(4, 2)).batchSize());
    }
    server.awaitNoOpenSessions();
    try (ModelServerClient other = server.newClient(); ForwardStream next = other.openForward(open().build())) {
      assertEquals(1, next.forward(obs(5, 1)).batchSize());
    }
  }
}

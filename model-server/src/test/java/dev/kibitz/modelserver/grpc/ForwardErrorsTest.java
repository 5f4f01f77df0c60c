package dev.kibitz.modelserver.grpc;

import static dev.kibitz.modelserver.testing.ForwardFixtures.batchRequest;
import static dev.kibitz.modelserver.testing.ForwardFixtures.obs;
import static dev.kibitz.modelserver.testing.ForwardFixtures.observations;
import static dev.kibitz.modelserver.testing.ForwardFixtures.open;
import static dev.kibitz.modelserver.testing.ForwardFixtures.openRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.testing.ManualForwardCall;
import dev.kibitz.modelserver.testing.SharedServer;
import dev.kibitz.modelserver.testing.TestServer;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.Intervention;
import dev.kibitz.proto.v1.NamedTensor;
import dev.kibitz.proto.v1.Position;
import dev.kibitz.proto.v1.Scale;
import dev.kibitz.proto.v1.Selector;
import dev.kibitz.proto.v1.Tensor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad Forward requests end that stream with the status and message the user can act on; after
 * each, the server has freed the session and serves a new client.
 */
class ForwardErrorsTest extends SharedServer {
  private static final String RESID = "stages.1.res.0.resid_out";


  @AfterEach
  void serverFreesTheSessionAndServesANewClient() throws Exception {
    server.awaitNoOpenSessions();
    try (ModelServerClient fresh = server.newClient();
        ForwardStream stream = fresh.openForward(open("fc_out").build())) {
      BatchResult reply = stream.forward(obs(1, 2));
      assertEquals(2, reply.batchSize());
      assertArrayEquals(new long[] {2, 256}, reply.captures().get("fc_out").shape());
    }
  }

  private static Status openFails(ForwardOpen open) {
    return assertThrows(StatusRuntimeException.class, () -> client.openForward(open)).getStatus();
  }

  private static Status batchFails(ForwardOpen open, Map<String, HostTensor> inputs) {
    try (ForwardStream stream = client.openForward(open)) {
      return assertThrows(StatusRuntimeException.class, () -> stream.forward(inputs)).getStatus();
    }
  }

  /** Sends {@code requests} on a raw stream, half-closes and returns how the server ended it. */
  private static Status rawStreamEnds(ForwardRequest... requests) throws InterruptedException {
    ManualForwardCall call = ManualForwardCall.start(TestServer.rawStub(client), 0);
    for (ForwardRequest r : requests) {
      call.send(r);
    }
    call.halfClose();
    return call.awaitEnd();
  }

  private static void assertStatus(Status.Code code, String description, Status actual) {
    assertEquals(code, actual.getCode(), actual::toString);
    assertEquals(description, actual.getDescription());
  }

  private static void assertStatusStartsWith(Status.Code code, String descriptionStart, Status actual) {
    assertEquals(code, actual.getCode(), actual::toString);
    assertTrue(actual.getDescription().startsWith(descriptionStart), actual.getDescription());
  }

  @Test
  void unknownModelIsNotFoundNamingTheKnownModels() {
    assertStatus(Status.Code.NOT_FOUND, "no model named 'leela' (known: resconv-policy, maze-agent, chess-policy)",
        openFails(ForwardOpen.newBuilder().setModel("leela").build()));
  }

  @Test
  void emptyModelIsInvalidArgument() {
    assertStatus(Status.Code.INVALID_ARGUMENT, "open: model is empty", openFails(ForwardOpen.getDefaultInstance()));
  }

  @Test
  void unknownCheckpointIsNotFoundListingTheCheckpoints() {
    assertStatus(Status.Code.NOT_FOUND,
        "model 'resconv-policy' has no checkpoint 'init-seed-9' (checkpoints: init-seed-0, init-seed-1)",
        openFails(open().setCheckpoint("init-seed-9").build()));
  }

  @Test
  void unknownCaptureHookIsInvalidArgumentNamingTheHook() {
    assertStatusStartsWith(Status.Code.INVALID_ARGUMENT,
        "capture: model 'resconv-policy' has no hook point 'stages.3.conv_out' (it has 27 hook points: "
            + "stages.0.conv_out, stages.0.pool_out, ",
        openFails(open("fc_out", "stages.3.conv_out").build()));
  }

  @Test
  void unknownInterventionHookIsInvalidArgumentNamingTheHook() {
    Intervention scale = Intervention.newBuilder().setHook("stages.1.res.2.resid_out")
        .setScale(Scale.newBuilder().setFactor(2)).build();

    assertStatusStartsWith(Status.Code.INVALID_ARGUMENT,
        "intervention 0: model 'resconv-policy' has no hook point 'stages.1.res.2.resid_out' (it has 27",
        openFails(open().addInterventions(scale).build()));
  }

  @Test
  void channelSelectorOutOfRangeIsInvalidArgumentGivingTheRange() {
    Intervention scale = Intervention.newBuilder().setHook(RESID)
        .setSelector(Selector.newBuilder().addChannels(32)).setScale(Scale.newBuilder().setFactor(2)).build();

    assertStatus(Status.Code.INVALID_ARGUMENT, "intervention 0 (Scale at '" + RESID + "'): channel 32 is out of "
        + "range [0, 32) for hook '" + RESID + "' of shape [32, 7, 7]",
        openFails(open().addInterventions(scale).build()));
  }

  @Test
  void positionSelectorOutsideTheGridIsInvalidArgument() {
    Intervention scale = Intervention.newBuilder().setHook(RESID)
        .setSelector(Selector.newBuilder().addPositions(Position.newBuilder().setRow(7).setCol(0)))
        .setScale(Scale.newBuilder().setFactor(2)).build();

    assertStatus(Status.Code.INVALID_ARGUMENT, "intervention 0 (Scale at '" + RESID + "'): position (7, 0) is "
        + "outside the 7x7 grid of hook '" + RESID + "'", openFails(open().addInterventions(scale).build()));
  }

  @Test
  void exampleSelectorBeyondTheBatchIsInvalidArgumentForThatBatch() {
    Intervention scale = Intervention.newBuilder().setHook(RESID)
        .setSelector(Selector.newBuilder().addExamples(2)).setScale(Scale.newBuilder().setFactor(2)).build();

    assertStatus(Status.Code.INVALID_ARGUMENT, "intervention 0 (Scale at '" + RESID + "'): example index 2 is out "
        + "of range for a batch of 2", batchFails(open().addInterventions(scale).build(), obs(5, 2)));
  }

  @Test
  void inputWithWrongShapeIsInvalidArgumentGivingTheExpectedShape() {
    HostTensor wrong = new HostTensor(DType.FLOAT32, new long[] {2, 3, 24, 25},
        ByteBuffer.allocate(2 * 3 * 24 * 25 * 4));

    assertStatus(Status.Code.INVALID_ARGUMENT, "input 'obs': shape [2, 3, 24, 25], expected [batch]+[3, 25, 25]",
        batchFails(open().build(), Map.of("obs", wrong)));
  }

  @Test
  void inputWithWrongDtypeIsInvalidArgumentGivingTheExpectedDtype() {
    HostTensor ints = new HostTensor(DType.INT32, new long[] {2, 3, 25, 25},
        ByteBuffer.allocate(2 * 3 * 25 * 25 * 4));

    assertStatus(Status.Code.INVALID_ARGUMENT, "input 'obs': dtype INT32, expected FLOAT32",
        batchFails(open().build(), Map.of("obs", ints)));
  }

  @Test
  void inputNamedWrongIsInvalidArgumentListingTheInputs() {
    assertStatus(Status.Code.INVALID_ARGUMENT,
        "model 'resconv-policy' has no input 'board' (inputs: [obs]); input 'obs' is missing",
        batchFails(open().build(), Map.of("board", observations(5, 1))));
  }

  @Test
  void inputWhoseBytesDoNotMatchItsShapeIsInvalidArgument() throws InterruptedException {
    Tensor shortData = Tensor.newBuilder().setDtype(dev.kibitz.proto.v1.DType.DTYPE_FLOAT32)
        .addShape(1).addShape(3).addShape(25).addShape(25).setData(ByteString.copyFrom(new byte[7496])).build();
    ForwardRequest batch = ForwardRequest.newBuilder().setBatch(ForwardBatch.newBuilder()
        .addInputs(NamedTensor.newBuilder().setName("obs").setTensor(shortData))).build();

    assertStatus(Status.Code.INVALID_ARGUMENT, "input 'obs': FLOAT32 [1, 3, 25, 25] needs 7500 bytes, got 7496",
        rawStreamEnds(openRequest(open().build()), batch));
  }

  @Test
  void batchBeforeOpenIsFailedPrecondition() throws InterruptedException {
    assertStatus(Status.Code.FAILED_PRECONDITION, "the first message of a Forward stream must be open; got a batch",
        rawStreamEnds(batchRequest(observations(1, 1))));
  }

  @Test
  void secondOpenOnTheSameStreamIsFailedPrecondition() throws InterruptedException {
    assertStatusStartsWith(Status.Code.FAILED_PRECONDITION, "the session is already open",
        rawStreamEnds(openRequest(open().build()), openRequest(open().build())));
  }

  @Test
  void requestWithNeitherOpenNorBatchIsInvalidArgument() throws InterruptedException {
    assertStatus(Status.Code.INVALID_ARGUMENT, "a ForwardRequest must carry open or batch",
        rawStreamEnds(ForwardRequest.getDefaultInstance()));
  }

  @Test
  void maxChunkBytesBelowOneKibIsInvalidArgument() {
    assertStatus(Status.Code.INVALID_ARGUMENT, "open: max_chunk_bytes 1023 is outside [1024, 4194304]",
        openFails(open().setMaxChunkBytes(1023).build()));
  }

  @Test
  void maxChunkBytesAboveFourMibIsInvalidArgument() {
    assertStatus(Status.Code.INVALID_ARGUMENT, "open: max_chunk_bytes 4194305 is outside [1024, 4194304]",
        openFails(open().setMaxChunkBytes((4 << 20) + 1).build()));
  }
}

package dev.kibitz.modelserver.grpc;

import static dev.kibitz.modelserver.testing.ForwardFixtures.addPerChannel;
import static dev.kibitz.modelserver.testing.ForwardFixtures.assertSameTensors;
import static dev.kibitz.modelserver.testing.ForwardFixtures.batchRequest;
import static dev.kibitz.modelserver.testing.ForwardFixtures.obs;
import static dev.kibitz.modelserver.testing.ForwardFixtures.observations;
import static dev.kibitz.modelserver.testing.ForwardFixtures.open;
import static dev.kibitz.modelserver.testing.ForwardFixtures.openRequest;
import static dev.kibitz.modelserver.testing.ForwardFixtures.runInProcess;
import static dev.kibitz.modelserver.testing.ForwardFixtures.setAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.testing.ManualForwardCall;
import dev.kibitz.modelserver.testing.ManualForwardCall.ReceivedBatch;
import dev.kibitz.modelserver.testing.SharedServer;
import dev.kibitz.modelserver.testing.TestServer;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.SessionOpened;
import dev.kibitz.proto.v1.TensorSpec;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Forward over gRPC on a loopback port answers with exactly the bytes of the same plan run
 * in-process on {@link dev.kibitz.modelserver.forward.ForwardService}: transport, chunking and
 * reassembly change nothing.
 */
class ForwardLoopbackEquivalenceTest extends SharedServer {
  private static final String RESID = "stages.1.res.0.resid_out";
  private static final String POOL = "stages.0.pool_out";


  /** Captures four hooks; adds a steering vector at RESID and pins one square of POOL channel 3 to 10. */
  private static ForwardOpen.Builder steeredPlan() {
    return open("stages.0.conv_out", POOL, RESID, "fc_out", "value")
        .addInterventions(addPerChannel(RESID, 32, 7, 2.5f))
        .addInterventions(setAt(POOL, 3, 5, 7, 10f));
  }

  @Test
  void forwardOverLoopbackReturnsTheInProcessBytesForOutputsAndCapturesUnderInterventions() {
    ForwardOpen plan = steeredPlan().build();
    Map<String, HostTensor> inputs = obs(11, 3);
    BatchResult expected = runInProcess(server.forwardService(), plan, List.of(inputs)).get(0);

    BatchResult reply;
    try (ForwardStream stream = client.openForward(plan)) {
      reply = stream.forward(inputs);
    }

    assertEquals(0, reply.batchIndex());
    assertEquals(3, reply.batchSize());
    assertSameTensors(expected.outputs(), reply.outputs(), "output");
    assertSameTensors(expected.captures(), reply.captures(), "capture");
    // The pinned square reads back exactly: captures see the activation after interventions.
    float[] pool = reply.captures().get(POOL).toFloats();
    for (int example = 0; example < 3; example++) {
      assertEquals(10f, pool[((example * 16 + 3) * 13 + 5) * 13 + 7], "example " + example);
    }
  }

  @Test
  void interventionsChangeTheAnswerOverTheWire() {
    Map<String, HostTensor> inputs = obs(11, 3);
    BatchResult plain;
    BatchResult steered;
    try (ForwardStream a = client.openForward(open("fc_out").build());
        ForwardStream b = client.openForward(steeredPlan().build())) {
      plain = a.forward(inputs);
      steered = b.forward(inputs);
    }

    assertFalse(plain.captures().get("fc_out").sameAs(steered.captures().get("fc_out")));
    assertFalse(plain.outputs().get("logits").sameAs(steered.outputs().get("logits")));
  }

  @Test
  void sessionOpenedEchoesTheCheckpointChunkSizeAndCaptureSpecsInRequestOrder() {
    try (ForwardStream stream = client.openForward(open("fc_out", "stages.0.conv_out").build())) {
      SessionOpened opened = stream.opened();

      assertEquals("resconv-policy", opened.getModel());
      assertEquals("init-seed-0", opened.getCheckpoint());
      assertEquals(1 << 20, opened.getMaxChunkBytes());
      assertEquals(List.of("logits", "value"), opened.getOutputsList().stream().map(TensorSpec::getName).toList());
      assertEquals(List.of("fc_out", "stages.0.conv_out"),
          opened.getCapturesList().stream().map(TensorSpec::getName).toList());
      assertEquals(List.of(16L, 25L, 25L), opened.getCaptures(1).getShapeList());
      assertFalse(opened.getSessionId().isEmpty());
    }
  }

  @Test
  void otherCheckpointOverLoopbackMatchesItsInProcessRun() {
    ForwardOpen plan = open(RESID).setCheckpoint("init-seed-1").build();
    Map<String, HostTensor> inputs = obs(12, 2);
    BatchResult expected = runInProcess(server.forwardService(), plan, List.of(inputs)).get(0);
    BatchResult seed0 = runInProcess(server.forwardService(), plan.toBuilder().clearCheckpoint().build(),
        List.of(inputs)).get(0);

    BatchResult reply;
    try (ForwardStream stream = client.openForward(plan)) {
      assertEquals("init-seed-1", stream.opened().getCheckpoint());
      reply = stream.forward(inputs);
    }

    assertSameTensors(expected.outputs(), reply.outputs(), "output");
    assertSameTensors(expected.captures(), reply.captures(), "capture");
    assertFalse(seed0.outputs().get("logits").sameAs(reply.outputs().get("logits")));
  }

  @Test
  void oneKibChunksSplitEveryTensorIntoConsecutivePartsThatReassembleExactly() throws InterruptedException {
    ForwardOpen plan = steeredPlan().setMaxChunkBytes(1024).build();
    HostTensor inputs = observations(13, 3);
    BatchResult expected = runInProcess(server.forwardService(), plan, List.of(Map.of("obs", inputs))).get(0);

    ManualForwardCall call = ManualForwardCall.start(TestServer.rawStub(client), 1);
    call.send(openRequest(plan)).send(batchRequest(inputs));
    assertEquals(1024, call.next().getOpened().getMaxChunkBytes());
    ReceivedBatch batch = call.readBatch(0);
    call.halfClose();

    assertEquals(Status.OK, call.awaitEnd());
    assertSameTensors(expected.outputs(), batch.outputs(), "output");
    assertSameTensors(expected.captures(), batch.captures(), "capture");
    // Each tensor is ceil(bytes / 1024) parts: logits 60 B and value 12 B are one part each;
    // conv_out 3*16*25*25*4 = 120000 B is 118, pool_out 32448 B is 32, resid_out 18816 B is 19,
    // fc_out 3072 B is 3, the value capture 1.
    assertEquals(1 + 1 + 118 + 32 + 19 + 3 + 1, batch.parts());
  }
}

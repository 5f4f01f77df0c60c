package dev.kibitz.modelserver.grpc;

import static dev.kibitz.modelserver.testing.ForwardFixtures.addPerChannel;
import static dev.kibitz.modelserver.testing.ForwardFixtures.assertSameTensors;
import static dev.kibitz.modelserver.testing.ForwardFixtures.obs;
import static dev.kibitz.modelserver.testing.ForwardFixtures.open;
import static dev.kibitz.modelserver.testing.ForwardFixtures.runInProcess;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.testing.SharedServer;
import dev.kibitz.proto.v1.ForwardOpen;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batches on one session are answered in the order sent, numbered from 0, each with its own size. */
class ForwardSessionOrderTest extends SharedServer {
  private static final ForwardOpen PLAN = open("stages.2.res.1.resid_out", "fc_out")
      .addInterventions(addPerChannel("stages.1.res.0.resid_out", 32, 3, 1f)).build();


  /** Batches of sizes 1, 2, ... with different seeds, so a swapped answer cannot pass. */
  private static List<Map<String, HostTensor>> batches(int count) {
    List<Map<String, HostTensor>> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batches.add(obs(100 + i, i + 1));
    }
    return batches;
  }

  @Test
  void batchesSentOneAtATimeAreNumberedFromZeroWithTheirSizesAndAnswers() {
    List<Map<String, HostTensor>> batches = batches(3);
    List<BatchResult> expected = runInProcess(server.forwardService(), PLAN, batches);

    try (ForwardStream stream = client.openForward(PLAN)) {
      for (int i = 0; i < batches.size(); i++) {
        BatchResult reply = stream.forward(batches.get(i));

        assertEquals(i, reply.batchIndex());
        assertEquals(i + 1, reply.batchSize());
        assertArrayEquals(new long[] {i + 1, 5}, reply.outputs().get("logits").shape());
        assertArrayEquals(new long[] {i + 1, 256}, reply.captures().get("fc_out").shape());
        assertSameTensors(expected.get(i).outputs(), reply.outputs(), "batch " + i + " output");
        assertSameTensors(expected.get(i).captures(), reply.captures(), "batch " + i + " capture");
      }
    }
  }

  @Test
  void fiveBatchesPipelinedBeforeAnyReceiveComeBackInOrder() {
    List<Map<String, HostTensor>> batches = batches(5);
    List<BatchResult> expected = runInProcess(server.forwardService(), PLAN, batches);

    List<BatchResult> replies = new ArrayList<>();
    try (ForwardStream stream = client.openForward(PLAN)) {
      batches.forEach(stream::send);
      for (int i = 0; i < batches.size(); i++) {
        replies.add(stream.receive());
      }
    }

    for (int i = 0; i < batches.size(); i++) {
      BatchResult reply = replies.get(i);
      assertEquals(i, reply.batchIndex());
      assertEquals(i + 1, reply.batchSize());
      assertSameTensors(expected.get(i).outputs(), reply.outputs(), "batch " + i + " output");
      assertSameTensors(expected.get(i).captures(), reply.captures(), "batch " + i + " capture");
    }
  }

  @Test
  void eachSessionNumbersItsOwnBatchesFromZero() {
    try (ForwardStream first = client.openForward(PLAN)) {
      assertEquals(0, first.forward(obs(1, 1)).batchIndex());
      assertEquals(1, first.forward(obs(2, 1)).batchIndex());
      try (ForwardStream second = client.openForward(PLAN)) {
        assertEquals(0, second.forward(obs(3, 1)).batchIndex());
      }
      assertEquals(2, first.forward(obs(4, 1)).batchIndex());
    }
  }
}

package dev.kibitz.steering;

import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.proto.v1.EvaluateRequest;
import dev.kibitz.proto.v1.EvaluateResult;
import dev.kibitz.proto.v1.EvaluateUpdate;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.proto.v1.SteeringServiceGrpc;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the service tests: a {@link LocalSteeringStack} (a real model server with the shipped maze
 * agent and a steering server, each on its own loopback port) and a steering stub over a real channel.
 */
public abstract class Services {
  protected static LocalSteeringStack stack;
  protected static ModelServerClient models;
  protected static ManagedChannel channel;

  @BeforeAll
  static void startServices() throws Exception {
    stack = new LocalSteeringStack();
    models = stack.models();
    channel = stack.channel();
  }

  @AfterAll
  static void stopServices() throws Exception {
    stack.close();
  }

  protected static SteeringServiceGrpc.SteeringServiceBlockingStub stub() {
    return stack.stub(300, TimeUnit.SECONDS);
  }

  /** Every maze row (with fields) and the final result of one Evaluate call. */
  protected record Evaluated(List<MazeRow> rows, EvaluateResult result) {}

  protected static Evaluated evaluate(EvaluateRequest request) {
    List<MazeRow> rows = new ArrayList<>();
    EvaluateResult result = null;
    for (Iterator<EvaluateUpdate> it = stub().evaluate(request); it.hasNext(); ) {
      EvaluateUpdate u = it.next();
      if (u.hasMaze()) {
        rows.add(u.getMaze());
      } else {
        result = u.getResult();
      }
    }
    return new Evaluated(rows, result);
  }
}

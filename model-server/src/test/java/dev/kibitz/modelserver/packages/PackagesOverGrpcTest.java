package dev.kibitz.modelserver.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.modelpackage.PackageManifest;
import dev.kibitz.core.modelpackage.ParityCheck;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorCodec;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.modelserver.testing.TestServer;
import dev.kibitz.proto.v1.Add;
import dev.kibitz.proto.v1.AddModelResponse;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.Intervention;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.ParityReport;
import dev.kibitz.proto.v1.Selector;
import dev.kibitz.proto.v1.SetValue;
import dev.kibitz.proto.v1.TensorSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages exported from PyTorch, served by a real model server and used over gRPC: outputs,
 * boundary captures and interventions equal what PyTorch recorded at export (float tolerance).
 * maze-resconv-small comes from the server's config; tiny-transformer is added with AddModel.
 */
class PackagesOverGrpcTest {
  private static final float TOLERANCE = 1e-4f;
  private static TestServer server;
  private static ModelServerClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("packages", List.of(fixture("maze-resconv-small").toString())));
    client = server.newClient();
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void describeListsTheStageBoundariesAsHookPoints() {
    ModelDescription d = client.describe("maze-resconv-small");
    assertEquals(List.of("stages.0", "stages.1", "stages.2", "trunk"),
        d.getHookPointsList().stream().map(TensorSpec::getName).toList());
    assertEquals(List.of(16L, 7L, 7L), d.getHookPoints(1).getShapeList());
    assertEquals(List.of("channel", "row", "col"), d.getHookPoints(1).getAxisNamesList());
    assertEquals(List.of("logits", "value"), d.getOutputsList().stream().map(TensorSpec::getName).toList());
    assertTrue(d.getModelCard().contains("Parity at load"), d.getModelCard());
  }

  @Test
  void forwardOutputsAndBoundaryCapturesEqualPyTorch() {
    Reference ref = Reference.of("maze-resconv-small");
    ForwardOpen open = ForwardOpen.newBuilder().setModel("maze-resconv-small")
        .addAllCapture(List.of("stages.0", "stages.1", "stages.2", "trunk")).build();
    BatchResult reply;
    try (ForwardStream stream = client.openForward(open)) {
      reply = stream.forward(ref.inputs());
    }
    assertClose(ref.tensor("output/logits"), reply.outputs().get("logits"), "logits");
    assertClose(ref.tensor("output/value"), reply.outputs().get("value"), "value");
    for (String hook : open.getCaptureList()) {
      assertClose(ref.tensor("hook/" + hook), reply.captures().get(hook), "capture " + hook);
    }
  }

  @Test
  void interventionsAtBoundariesEqualTheSameEditInPyTorch() {
    Reference ref = Reference.of("maze-resconv-small");
    assertEquals(3, ref.manifest().edits().size());
    for (PackageManifest.RecordedEdit edit : ref.manifest().edits()) {
      ForwardOpen open = ForwardOpen.newBuilder().setModel("maze-resconv-small")
          .addInterventions(wire(edit, ref.tensor(edit.tensor()))).build();
      BatchResult reply;
      try (ForwardStream stream = client.openForward(open)) {
        reply = stream.forward(ref.inputs());
      }
      for (String out : List.of("logits", "value")) {
        HostTensor expected = ref.tensor("edit/" + edit.name() + "/output/" + out);
        assertClose(expected, reply.outputs().get(out), edit.name() + " " + out);
        assertTrue(maxAbsDiff(ref.tensor("output/" + out), expected) > 1e-3 || out.equals("value"),
            edit.name() + " should change " + out);
      }
    }
  }

  @Test
  void addModelServesATransformerWithReadOnlyAttentionCaptures() {
    AddModelResponse added = client.addModel(fixture("tiny-transformer").toString(), false);
    assertTrue(added.getParity().getPassed(), added.getParity().getSummary());
    assertEquals("tiny-transformer", added.getDescription().getSummary().getName());
    Reference ref = Reference.of("tiny-transformer");

    ForwardOpen open = ForwardOpen.newBuilder().setModel("tiny-transformer")
        .addAllCapture(List.of("blocks.0.attn_pattern", "blocks.1"))
        .addInterventions(wire(ref.manifest().edits().get(0), ref.tensor(ref.manifest().edits().get(0).tensor())))
        .build();
    BatchResult reply;
    try (ForwardStream stream = client.openForward(open)) {
      reply = stream.forward(ref.inputs());
    }
    // The edit is at blocks.0, after block 0's attention: the pattern is as recorded unedited.
    assertClose(ref.tensor("hook/blocks.0.attn_pattern"), reply.captures().get("blocks.0.attn_pattern"), "pattern");
    assertClose(ref.tensor("edit/add-resid/output/square_logits"), reply.outputs().get("square_logits"), "logits");

    ForwardOpen editExtra = ForwardOpen.newBuilder().setModel("tiny-transformer")
        .addInterventions(Intervention.newBuilder().setHook("blocks.1.attn_pattern")
            .setSet(SetValue.newBuilder().setScalar(0f))).build();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.openForward(editExtra));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("'blocks.1.attn_pattern' of model 'tiny-transformer' is "
        + "read-only"), e.getStatus().getDescription());

    StatusRuntimeException again = assertThrows(StatusRuntimeException.class,
        () -> client.addModel(fixture("tiny-transformer").toString(), false));
    assertEquals(Status.Code.ALREADY_EXISTS, again.getStatus().getCode());
  }

  @Test
  void checkParityReportsEveryComparedTensor() {
    ParityReport report = client.checkParity("maze-resconv-small");
    assertTrue(report.getPassed(), report.getSummary());
    // 2 outputs + 4 boundaries + 3 edits x 2 outputs
    assertEquals(12, report.getTensorsCount());
    assertTrue(report.getMaxAbsError() < TOLERANCE, report.getSummary());

    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> client.checkParity("resconv-policy"));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
  }

  @Test
  void aBrokenPackageIsRefusedByAddModelNamingTheProblem(@TempDir Path tmp) throws IOException {
    Path dir = copy(fixture("maze-resconv-small"), tmp.resolve("broken"));
    Files.delete(dir.resolve("stages/03_trunk.pt"));
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> client.addModel(dir.toString(), false));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("stage 'trunk': file 'stages/03_trunk.pt' does not exist"),
        e.getStatus().getDescription());
  }

  @Test
  void aServerConfiguredWithABrokenPackageDoesNotStart(@TempDir Path tmp) throws IOException {
    Path dir = copy(fixture("maze-resconv-small"), tmp.resolve("broken"));
    Files.writeString(dir.resolve("stages/00_stages_0.pt"), "not a zip");
    Exception e = assertThrows(Exception.class, () -> TestServer.start(Map.of("packages", List.of(dir.toString()))));
    Throwable cause = e;
    while (cause.getCause() != null && !cause.getMessage().contains("TorchScript")) {
      cause = cause.getCause();
    }
    assertTrue(cause.getMessage().contains("stage 'stages.0': stages/00_stages_0.pt is not a loadable TorchScript "
        + "module"), cause.getMessage());
  }

  /** The Kibitz wire form of a recorded edit (what a client would send). */
  static Intervention wire(PackageManifest.RecordedEdit edit, HostTensor tensor) {
    Intervention.Builder b = Intervention.newBuilder().setHook(edit.hook());
    Selector.Builder s = Selector.newBuilder();
    for (int c : edit.channels()) {
      s.addChannels(c);
    }
    b.setSelector(s);
    if (edit.kind().equals("add")) {
      b.setAdd(Add.newBuilder().setVector(TensorCodec.toProto(tensor)).setCoefficient(edit.coefficient()));
    } else {
      b.setSet(SetValue.newBuilder().setScalar(tensor.toFloats()[0]));
    }
    return b.build();
  }

  record Reference(PackageManifest manifest, Map<String, HostTensor> tensors) {
    static Reference of(String name) {
      PackageManifest m = PackageManifest.read(fixture(name));
      return new Reference(m, ParityCheck.reference(m));
    }

    HostTensor tensor(String name) {
      HostTensor t = tensors.get(name);
      if (t == null) {
        throw new IllegalArgumentException("no reference tensor " + name);
      }
      return t;
    }

    Map<String, HostTensor> inputs() {
      Map<String, HostTensor> in = new LinkedHashMap<>();
      manifest.inputs().forEach(s -> in.put(s.name(), tensor("input/" + s.name())));
      return in;
    }
  }

  static void assertClose(HostTensor expected, HostTensor actual, String what) {
    assertEquals(List.of(box(expected.shape())), List.of(box(actual.shape())), what + " shape");
    double diff = maxAbsDiff(expected, actual);
    assertTrue(diff <= TOLERANCE, what + ": max abs diff " + diff);
  }

  static double maxAbsDiff(HostTensor a, HostTensor b) {
    float[] x = a.toFloats();
    float[] y = b.toFloats();
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      max = Math.max(max, Math.abs(x[i] - y[i]));
    }
    return max;
  }

  private static List<Long> box(long[] shape) {
    return java.util.Arrays.stream(shape).boxed().toList();
  }

  static Path fixture(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("fixtures/packages").resolve(name);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("fixtures/packages/" + name + " not found");
  }

  static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files.forEach(p -> {
        try {
          Files.copy(p, to.resolve(from.relativize(p).toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return to;
  }
}

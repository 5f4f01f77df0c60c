package dev.kibitz.core.modelpackage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupted copies of a good package are refused at load, with a message naming the problem. */
class ModelPackageRefusalTest {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  @TempDir
  Path tmp;

  @Test
  void missingStageFileIsNamed() throws IOException {
    Path dir = copy("maze-resconv-small");
    Files.delete(dir.resolve("stages/01_stages_1.pt"));
    assertRefused(dir, KibitzException.Reason.INVALID_ARGUMENT,
        "stage 'stages.1': file 'stages/01_stages_1.pt' does not exist");
  }

  @Test
  void truncatedTorchScriptIsNotLoadable() throws IOException {
    Path dir = copy("maze-resconv-small");
    Path stage = dir.resolve("stages/02_stages_2.pt");
    byte[] bytes = Files.readAllBytes(stage);
    Files.write(stage, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertRefused(dir, KibitzException.Reason.INVALID_ARGUMENT,
        "stage 'stages.2': stages/02_stages_2.pt is not a loadable TorchScript module");
  }

  @Test
  void stagesThatDoNotFitTogetherFailTheCheckForwardNamingTheStage() throws IOException {
    Path dir = copy("maze-resconv-small");
    // Stage 2's conv expects 16 channels; stage 0 hands stage 1 only 8.
    Files.copy(dir.resolve("stages/02_stages_2.pt"), dir.resolve("stages/01_stages_1.pt"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertRefused(dir, KibitzException.Reason.INVALID_ARGUMENT, "stage 'stages.1' (stages/01_stages_1.pt) failed");
  }

  @Test
  void wrongHookShapeInTheManifestIsRefused() throws IOException {
    Path dir = copy("maze-resconv-small");
    editManifest(dir, m -> {
      JsonArray shape = new JsonArray();
      shape.add(16);
      shape.add(4);
      shape.add(4);
      stage(m, 1).getAsJsonObject("hook").add("shape", shape);
    });
    assertRefused(dir, KibitzException.Reason.INVALID_ARGUMENT,
        "hook 'stages.1' is declared float32 [16, 4, 4] but the stages produce float32 [16, 7, 7]");
  }

  @Test
  void unknownDtypeIsRefused() throws IOException {
    Path dir = copy("maze-resconv-small");
    editManifest(dir, m -> m.getAsJsonArray("inputs").get(0).getAsJsonObject().addProperty("dtype", "float64"));
    assertRefused(dir, KibitzException.Reason.INVALID_ARGUMENT, "inputs[0] 'obs': unknown dtype 'float64'");
  }

  @Test
  void duplicateHookNameIsRefused() throws IOException {
    Path dir = copy("maze-resconv-small");
    editManifest(dir, m -> stage(m, 2).getAsJsonObject("hook").addProperty("name", "stages.0"));
    assertRefused(dir, KibitzException.Reason.INVALID_ARGUMENT, "duplicate hook name 'stages.0'");
  }

  @Test
  void everyManifestProblemIsReportedAtOnce() throws IOException {
    Path dir = copy("maze-resconv-small");
    editManifest(dir, m -> {
      m.addProperty("format", "kibitz.package.v0");
      m.getAsJsonArray("outputs").get(1).getAsJsonObject().remove("axes");
      stage(m, 4).add("hook", stage(m, 3).getAsJsonObject("hook"));
    });
    KibitzException e = assertRefused(dir, KibitzException.Reason.INVALID_ARGUMENT,
        "format is 'kibitz.package.v0', expected 'kibitz.package.v1'");
    assertTrue(e.getMessage().contains("outputs[1] 'value': 0 axis names [] for shape [1]"), e.getMessage());
    assertTrue(e.getMessage().contains("stage 'heads' is the last stage"), e.getMessage());
  }

  @Test
  void missingManifestIsNamed() throws IOException {
    Path dir = copy("maze-resconv-small");
    Files.delete(dir.resolve("manifest.json"));
    assertRefused(dir, KibitzException.Reason.INVALID_ARGUMENT, "cannot read manifest.json");
  }

  @Test
  void outputsThatDifferFromPyTorchAreRefusedUnlessAllowed() throws IOException {
    Path dir = copy("maze-resconv-small");
    Path ref = dir.resolve("reference.safetensors");
    Map<String, HostTensor> tensors = new LinkedHashMap<>(Safetensors.read(ref).tensors());
    HostTensor logits = tensors.get("output/logits");
    ByteBuffer shifted = ByteBuffer.allocateDirect((int) logits.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    logits.data().asFloatBuffer().position(0);
    java.nio.FloatBuffer in = logits.data().asFloatBuffer();
    while (in.hasRemaining()) {
      shifted.putFloat(in.get() + 0.01f);
    }
    tensors.put("output/logits", new HostTensor(logits.dtype(), logits.shape(), shifted.flip()));
    Safetensors.write(ref, tensors, Map.of());

    KibitzException e = assertRefused(dir, KibitzException.Reason.FAILED_PRECONDITION,
        "outputs differ from the recorded PyTorch outputs");
    assertTrue(e.getMessage().contains("failed: output/logits (max abs 0.0100"), e.getMessage());
    try (PackagedModel model = ModelPackage.load(dir, Device.cpu(), ModelPackage.ParityPolicy.ALLOW_FAILURE)) {
      assertFalse(model.parity().passed());
      assertEquals(1, model.parity().comparisons().stream().filter(c -> !c.passed()).count());
    }
    editManifest(dir, m -> m.getAsJsonObject("parity").addProperty("enforce", false));
    try (PackagedModel model = ModelPackage.load(dir, Device.cpu(), ModelPackage.ParityPolicy.MANIFEST)) {
      assertFalse(model.parity().passed());
    }
  }

  private KibitzException assertRefused(Path dir, KibitzException.Reason reason, String expected) {
    KibitzException e = assertThrows(KibitzException.class,
        () -> ModelPackage.load(dir, Device.cpu(), ModelPackage.ParityPolicy.MANIFEST).close());
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    return e;
  }

  private static JsonObject stage(JsonObject manifest, int i) {
    return manifest.getAsJsonArray("stages").get(i).getAsJsonObject();
  }

  private static void editManifest(Path dir, Consumer<JsonObject> edit) throws IOException {
    Path file = dir.resolve("manifest.json");
    JsonObject m = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    edit.accept(m);
    Files.writeString(file, GSON.toJson(m));
  }

  private Path copy(String name) throws IOException {
    Path from = PackageFixtures.dir(name);
    Path to = tmp.resolve(name);
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

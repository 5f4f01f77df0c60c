package dev.kibitz.probe.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.Gson;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Safetensors;
import dev.kibitz.probe.ProbeConfig;
import dev.kibitz.probe.ProbeTask;
import dev.kibitz.probe.ProbeTrainer;
import dev.kibitz.probe.TrainedProbe;
import dev.kibitz.probe.synthetic.PlantedConcept;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeArtifactTest {

  private static TrainedProbe probe() {
    PlantedConcept.Sample s = PlantedConcept.dense(16, 0.5, 0.2, 3).binary(2000, 4);
    return new ProbeTrainer(ProbeConfig.defaults()).train(new ProbeTask("cheese visible", "block.2.out", "ckpt-40",
        s.activations(), s.labels()));
  }

  @Test
  void roundTripsDirectionBiasAndProvenance(@TempDir Path dir) throws Exception {
    TrainedProbe p = probe();
    Path file = dir.resolve("probe.safetensors");
    ProbeArtifact.write(file, p, "maze-agent");
    ProbeArtifact.ProbeVector v = ProbeArtifact.read(file);
    float[] expected = new float[p.probe().direction().length];
    for (int j = 0; j < expected.length; j++) {
      expected[j] = (float) p.probe().direction()[j];
    }
    assertArrayEquals(expected, v.direction());
    assertEquals((float) p.probe().bias(), v.bias());
    assertEquals("maze-agent", v.metadata().get("model"));
    assertEquals("cheese visible", v.metadata().get("concept"));
    assertEquals("block.2.out", v.metadata().get("hook"));
    assertEquals("ckpt-40", v.metadata().get("conditioning"));
    assertEquals("balanced_accuracy", v.metadata().get("metric"));
    assertEquals(p.config(), new Gson().fromJson(v.metadata().get("config"), ProbeConfig.class));
  }

  @Test
  void directionIsF32OfTheHookWidthAndBiasAScalar(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("probe.safetensors");
    ProbeArtifact.write(file, probe(), "m");
    Map<String, HostTensor> t = Safetensors.read(file).tensors();
    assertEquals("HostTensor{FLOAT32 [16]}", t.get(ProbeArtifact.DIRECTION).toString());
    assertEquals(0, t.get(ProbeArtifact.BIAS).rank());
  }

  @Test
  void refusesAFileWithoutADirection(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("other.safetensors");
    Safetensors.write(file, Map.of("weights", HostTensor.ofFloats(new long[] {2}, 1, 2)), Map.of());
    assertThrows(IOException.class, () -> ProbeArtifact.read(file));
  }
}

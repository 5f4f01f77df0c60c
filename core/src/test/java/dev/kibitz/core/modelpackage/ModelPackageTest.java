package dev.kibitz.core.modelpackage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.hook.ForwardPlan;
import dev.kibitz.core.intervention.Selector;
import dev.kibitz.core.intervention.SetValue;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ModelPackageTest {

  @ParameterizedTest
  @ValueSource(strings = {"maze-resconv-small", "tiny-transformer"})
  void loadedPackageMatchesRecordedPyTorchOutputsBoundariesAndEdits(String name) {
    try (PackagedModel model = ModelPackage.load(PackageFixtures.dir(name), Device.cpu(),
        ModelPackage.ParityPolicy.MANIFEST)) {
      ParityReport report = model.parity();
      System.out.println(name + " parity: " + report.summary());
      assertTrue(report.passed(), report.summary());
      int hooks = model.hookPoints().size();
      int outputs = model.outputs().size();
      assertEquals(outputs + hooks + outputs * model.manifest().edits().size(), report.comparisons().size());
      assertTrue(report.maxAbsError() < 1e-4, report.summary());
    }
  }

  @Test
  void hookPointsFollowTheManifestInForwardOrder() {
    try (PackagedModel model = ModelPackage.load(PackageFixtures.dir("tiny-transformer"), Device.cpu(),
        ModelPackage.ParityPolicy.MANIFEST)) {
      assertEquals(List.of("embed", "blocks.0.attn_pattern", "blocks.0", "blocks.1.attn_pattern", "blocks.1"),
          model.hookPoints().stream().map(TensorSpec::name).toList());
      TensorSpec pattern = model.hookPoints().get(1);
      assertEquals(List.of("head", "query", "key"), pattern.axisNames());
      assertEquals(List.of(2L, 64L, 64L), java.util.Arrays.stream(pattern.shape()).boxed().toList());
    }
  }

  @Test
  void extrasAreReadOnly() {
    try (PackagedModel model = ModelPackage.load(PackageFixtures.dir("tiny-transformer"), Device.cpu(),
        ModelPackage.ParityPolicy.MANIFEST)) {
      KibitzException e = assertThrows(KibitzException.class, () -> ForwardPlan.validate(model.name(),
          model.hookPoints(), model.readOnlyHooks(), List.of("blocks.0.attn_pattern"),
          List.of(SetValue.scalar("blocks.0.attn_pattern", Selector.ALL, 0f))));
      assertTrue(e.getMessage().contains("'blocks.0.attn_pattern' of model 'tiny-transformer' is read-only"),
          e.getMessage());
    }
  }
}

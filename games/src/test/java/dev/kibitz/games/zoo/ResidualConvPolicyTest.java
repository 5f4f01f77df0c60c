package dev.kibitz.games.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResidualConvPolicyTest {

  @Test
  void exposesEveryHookPointWithMeasuredShapesInForwardOrder() {
    try (HookedModel model = ZooModels.loadResidualConvPolicy("init-seed-0", Device.cpu())) {
      List<TensorSpec> hooks = model.hookPoints();
      assertEquals(27, hooks.size());
      assertEquals("stages.0.conv_out", hooks.get(0).name());
      assertArrayEquals(new long[] {16, 25, 25}, hooks.get(0).shape());
      assertEquals(List.of("channel", "row", "col"), hooks.get(0).axisNames());
      assertEquals("stages.0.pool_out", hooks.get(1).name());
      assertArrayEquals(new long[] {16, 13, 13}, hooks.get(1).shape());
      assertEquals("stages.1.res.0.resid_out", hooks.get(12).name());
      assertArrayEquals(new long[] {32, 7, 7}, hooks.get(12).shape());
      assertEquals("stages.2.res.1.resid_out", hooks.get(23).name());
      assertArrayEquals(new long[] {32, 4, 4}, hooks.get(23).shape());
      assertEquals("fc_out", hooks.get(24).name());
      assertArrayEquals(new long[] {256}, hooks.get(24).shape());
      assertEquals("policy_logits", hooks.get(25).name());
      assertArrayEquals(new long[] {5}, hooks.get(25).shape());
      assertEquals("value", hooks.get(26).name());
      assertArrayEquals(new long[] {5}, model.outputs().get(0).shape());
      assertArrayEquals(new long[] {1}, model.outputs().get(1).shape());
    }
  }

  @Test
  void sameSeedGivesSameLogitsAndOtherSeedDiffers() {
    try (HookedModel a = ZooModels.loadResidualConvPolicy("init-seed-0", Device.cpu());
        HookedModel b = ZooModels.loadResidualConvPolicy("init-seed-0", Device.cpu());
        HookedModel c = ZooModels.loadResidualConvPolicy("init-seed-1", Device.cpu());
        NDManager m = NDManager.newBaseManager()) {
      NDArray obs = m.randomUniform(0, 1, ResidualConvPolicy.MAZE.inputShape(4));
      float[] la = a.forward(new NDList(obs)).get(0).toFloatArray();
      float[] lb = b.forward(new NDList(obs)).get(0).toFloatArray();
      float[] lc = c.forward(new NDList(obs)).get(0).toFloatArray();
      assertEquals(20, la.length);
      assertArrayEquals(la, lb);
      assertFalse(java.util.Arrays.equals(la, lc));
    }
  }
}

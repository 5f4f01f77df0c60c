package dev.kibitz.games.maze.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelEntry;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.games.maze.CheeseRegion;
import dev.kibitz.games.zoo.ZooModels;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent shipped in the resources loads, matches its description, and behaves as its card says. */
class ShippedAgentTest {
  private static ModelEntry entry;
  private static HookedModel model;
  private static JsonObject metrics;
  private static TrainingConfig config;

  @BeforeAll
  static void load() throws Exception {
    entry = ShippedAgent.entry().orElseThrow();
    model = ShippedAgent.load(entry.defaultCheckpoint(), Device.cpu());
    metrics = json("metrics.json");
    config = new Gson().fromJson(json("config.json"), TrainingConfig.class);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static JsonObject json(String name) throws Exception {
    try (InputStream in = ShippedAgent.class.getResourceAsStream(ShippedAgent.DIR + name)) {
      return new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), JsonObject.class);
    }
  }

  @Test
  void everyCheckpointOfTheTrainingLogLoadsAndTheLastIsTheDefault() throws Exception {
    List<String> names = entry.checkpoints().stream().map(ModelEntry.Checkpoint::name).toList();
    assertEquals(config.checkpoints().size(), names.size());
    assertEquals(ShippedAgent.checkpointName(config.steps()), entry.defaultCheckpoint());
    for (String cp : List.of(names.get(0), names.get(names.size() / 2))) {
      try (HookedModel m = ShippedAgent.load(cp, Device.cpu())) {
        assertEquals(cp, m.checkpoint());
      }
    }
  }

  @Test
  void hookPointsAreTheImpalaPolicysAndMatchTheModelCard() {
    List<TensorSpec> hooks = model.hookPoints();
    assertEquals(27, hooks.size());
    assertEquals("stages.1.res.1.resid_out", hooks.get(15).name());
    assertArrayEquals(new long[] {32, 7, 7}, hooks.get(15).shape());
    assertArrayEquals(new long[] {256}, hooks.get(24).shape());
    for (TensorSpec h : hooks) {
      assertTrue(entry.modelCard().contains("| `" + h.name() + "` | " + java.util.Arrays.toString(h.shape())),
          h.name());
    }
    assertArrayEquals(new long[] {3, 25, 25}, model.inputs().get(0).shape());
  }

  @Test
  void greedyAndSampledRolloutsReachTheCheeseAtTheRatesTheCardStates() {
    AgentEvaluation eval = new AgentEvaluation(ModelMazePolicy.plain(model), config);
    for (AgentEvaluation.Mode mode : AgentEvaluation.Mode.values()) {
      for (CheeseRegion region : CheeseRegion.values()) {
        String key = AgentEvaluation.rolloutKey(mode, region);
        JsonObject stated = metrics.getAsJsonObject(key);
        AgentEvaluation.RolloutRates measured = eval.rollouts(region, stated.get("mazes").getAsInt(), mode, i -> { });
        // same mazes, weights and seeds: equal up to float differences flipping a near-tie (1 maze in 100)
        assertEquals(stated.get("reachedCheese").getAsDouble(), measured.reachedCheese(), 0.01, key);
        assertEquals(stated.get("reachedTopRightNotCheese").getAsDouble(), measured.reachedTopRightNotCheese(), 0.01,
            key);
        assertTrue(entry.modelCard().contains(String.format("%.3f", measured.reachedCheese())), key);
      }
    }
  }

  @Test
  void theZooRegistersTheAgentBesideTheSeededPolicy() {
    var registry = new dev.kibitz.core.model.ModelRegistry(Device.cpu());
    ZooModels.registerAll(registry);
    assertEquals(List.of(ZooModels.RESCONV_POLICY, ShippedAgent.NAME, ZooModels.CHESS_POLICY),
        registry.list().stream().map(ModelEntry::name).toList());
    registry.close();
  }
}

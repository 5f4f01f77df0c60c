package dev.kibitz.orchestrator.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SaeFeatureSelectionTest {
  // 4 rows x 5 features: f0 fires exactly where the concept holds, f1 fires everywhere, f2 fires where it
  // does not hold, f3 and f4 never fire
  private static final float[][] FEATURES = {
      {2, 1, 0, 0, 0},
      {3, 1, 0, 0, 0},
      {0, 1, 5, 0, 0},
      {0, 1, 4, 0, 0}};
  private static final boolean[] CONCEPT = {true, true, false, false};

  @Test
  void theBestFeaturesArePredictiveOnesAboveChance() {
    List<SaeFeatureSelection.Scored> best = SaeFeatureSelection.best(FEATURES, CONCEPT, 3);
    assertEquals(List.of(new SaeFeatureSelection.Scored(0, 1.0)), best, "f1 and the dead ones sit at 0.5, f2 below");
  }

  @Test
  void theControlDrawsLiveFeaturesFirstThenDeadOnes() {
    List<SaeFeatureSelection.Scored> chosen = List.of(new SaeFeatureSelection.Scored(0, 1.0));
    assertEquals(3, SaeFeatureSelection.live(FEATURES));
    List<Integer> two = SaeFeatureSelection.control(FEATURES, chosen, 2, 7);
    assertEquals(List.of(1, 2), two.stream().sorted().toList(), "the two live ones not chosen");
    List<Integer> four = SaeFeatureSelection.control(FEATURES, chosen, 4, 7);
    assertEquals(List.of(1, 2), four.subList(0, 2).stream().sorted().toList());
    assertEquals(List.of(3, 4), four.subList(2, 4).stream().sorted().toList());
    assertEquals(two, SaeFeatureSelection.control(FEATURES, chosen, 2, 7), "seeded");
  }
}

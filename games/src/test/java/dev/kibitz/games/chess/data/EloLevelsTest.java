package dev.kibitz.games.chess.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EloLevelsTest {

  @Test
  void eightLevelsSpanStockfishsRange() {
    assertEquals(List.of(1350, 1564, 1779, 1993, 2207, 2421, 2636, 2850),
        IntStream.range(0, EloLevels.COUNT).mapToObj(EloLevels::elo).toList());
  }

  @Test
  void aRatingFallsInTheNearestBucket() {
    assertEquals(0, EloLevels.bucket(1000));
    assertEquals(0, EloLevels.bucket(1456));
    assertEquals(1, EloLevels.bucket(1458));
    assertEquals(7, EloLevels.bucket(2850));
    assertEquals(7, EloLevels.bucket(3200));
    assertThrows(IllegalArgumentException.class, () -> EloLevels.elo(8));
  }
}

package dev.kibitz.games.chess.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.chess.Position;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnginePoolTest {

  @Test
  void borrowedEnginesAreExclusiveUntilGivenBack() {
    try (EnginePool pool = new EnginePool(2, EngineSettings.stockfish())) {
      UciEngine a = pool.borrow(Duration.ofSeconds(1));
      UciEngine b = pool.borrow(Duration.ofSeconds(1));
      assertNotSame(a, b);
      assertEquals("all 2 engines stayed busy for PT0.1S",
          assertThrows(EngineTimeoutException.class, () -> pool.borrow(Duration.ofMillis(100))).getMessage());
      pool.giveBack(a);
      assertSame(a, pool.borrow(Duration.ofSeconds(1)));
    }
  }

  @Test
  void deadEngineIsRestartedWhenItComesBack() {
    try (EnginePool pool = new EnginePool(1, EngineSettings.stockfish())) {
      UciEngine e = pool.borrow(Duration.ofSeconds(1));
      ProcessHandle dead = e.processHandle();
      dead.destroyForcibly();
      dead.onExit().join();
      pool.giveBack(e);
      assertTrue(e.isAlive());
      assertEquals(2, e.starts());
      assertTrue(pool.withEngine(Duration.ofSeconds(1),
          x -> x.search(Position.START_FEN, List.of(), SearchLimit.depth(2), List.of())).bestMove().isPresent());
    }
  }

  @Test
  void closeLeavesNoLiveProcessesEvenForBorrowedEngines() {
    EnginePool pool = new EnginePool(3, EngineSettings.stockfish());
    pool.borrow(Duration.ofSeconds(1));
    List<ProcessHandle> processes = pool.processes();
    assertEquals(3, processes.size());
    assertTrue(processes.stream().allMatch(ProcessHandle::isAlive));
    pool.close();
    assertTrue(processes.stream().noneMatch(ProcessHandle::isAlive), processes.toString());
    assertThrows(IllegalStateException.class, () -> pool.borrow(Duration.ofSeconds(1)));
  }
}

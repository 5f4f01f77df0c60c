package dev.kibitz.games.chess.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The process wrapper against the real Stockfish 15.1 (CI installs the Debian package; no mocks). */
class UciEngineTest {
  private static final String MATE_IN_ONE = "6k1/5ppp/8/8/8/8/5PPP/R5K1 w - - 0 1";

  @Test
  void handshakeReportsTheEngineName() {
    try (UciEngine e = new UciEngine(EngineSettings.stockfish())) {
      assertEquals("Stockfish 15.1", e.name());
      assertTrue(e.isAlive());
      assertEquals(1, e.starts());
    }
  }

  @Test
  void fixedDepthSearchFindsTheMateInOne() {
    try (UciEngine e = new UciEngine(EngineSettings.stockfish())) {
      Analysis a = e.search(MATE_IN_ONE, List.of(), SearchLimit.depth(6), List.of());
      assertEquals(Move.parseUci("a1a8"), a.bestMove().orElseThrow());
      assertEquals(new Score.Mate(1), a.score());
      assertEquals(6, a.depth());
      assertEquals(List.of(Move.parseUci("a1a8")), a.principalVariation());
    }
  }

  @Test
  void matedSideHasNoBestMoveAndScoreMateZero() {
    try (UciEngine e = new UciEngine(EngineSettings.stockfish())) {
      Analysis a = e.search(MATE_IN_ONE, List.of(Move.parseUci("a1a8")), SearchLimit.depth(5), List.of());
      assertTrue(a.bestMove().isEmpty());
      assertEquals(new Score.Mate(0), a.score());
    }
  }

  @Test
  void badFenIsRejectedBeforeReachingTheEngine() {
    try (UciEngine e = new UciEngine(EngineSettings.stockfish())) {
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
          () -> e.search("rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq e9 0 1", List.of(), SearchLimit.depth(1),
              List.of()));
      assertEquals("bad FEN 'rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq e9 0 1': has en passant field 'e9'; "
          + "expected '-' or a square", bad.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> e.search(Position.START_FEN, List.of(Move.parseUci("e2e5")), SearchLimit.depth(1), List.of()));
      assertTrue(e.search(Position.START_FEN, List.of(), SearchLimit.depth(1), List.of()).bestMove().isPresent());
      assertEquals(1, e.starts());
    }
  }

  @Test
  void engineKilledMidSearchFailsThatCallAndTheNextCallRestartsIt() throws Exception {
    try (UciEngine e = new UciEngine(EngineSettings.stockfish())) {
      ProcessHandle first = e.processHandle();
      CompletableFuture<Analysis> deep = CompletableFuture.supplyAsync(
          () -> e.search(Position.START_FEN, List.of(), SearchLimit.depth(30), List.of()));
      Thread.sleep(500);
      first.destroyForcibly();
      ExecutionException failed = assertThrows(ExecutionException.class, () -> deep.get(30, TimeUnit.SECONDS));
      assertTrue(failed.getCause() instanceof EngineException, failed.getCause().toString());
      assertTrue(failed.getCause().getMessage().matches(
          "Stockfish 15.1 \\(pid \\d+\\) exited with exit code 137 while answering 'go depth 30'; the next call starts a "
              + "new process"), failed.getCause().getMessage());

      Analysis after = e.search(MATE_IN_ONE, List.of(), SearchLimit.depth(4), List.of());
      assertEquals(Move.parseUci("a1a8"), after.bestMove().orElseThrow());
      assertEquals(2, e.starts());
      assertNotEquals(first.pid(), e.processHandle().pid());
      assertTrue(!first.isAlive());
    }
  }

  @Test
  void searchPastTheCallTimeoutIsStoppedAndTheEngineStaysUsable() {
    try (UciEngine e = new UciEngine(EngineSettings.stockfish().withCallTimeout(Duration.ofMillis(500)))) {
      EngineTimeoutException late = assertThrows(EngineTimeoutException.class,
          () -> e.search(Position.START_FEN, List.of(), SearchLimit.depth(40), List.of()));
      assertEquals("Stockfish 15.1 gave no answer to 'go depth 40' within PT0.5S (search stopped)", late.getMessage());
      long pid = e.processHandle().pid();
      assertEquals(Move.parseUci("a1a8"),
          e.search(MATE_IN_ONE, List.of(), SearchLimit.depth(3), List.of()).bestMove().orElseThrow());
      assertEquals(pid, e.processHandle().pid());
    }
  }

  @Test
  void closeQuitsTheProcess() {
    UciEngine e = new UciEngine(EngineSettings.stockfish());
    ProcessHandle p = e.processHandle();
    e.close();
    assertTrue(!p.isAlive());
    assertThrows(IllegalStateException.class, () -> e.setOption("Hash", "32"));
  }

  @Test
  void missingBinaryFailsNamingThePathAndHowToInstall() {
    EngineSettings nowhere = new EngineSettings(java.nio.file.Path.of("/nonexistent/stockfish"), 1, 16,
        Duration.ofSeconds(5), Duration.ofSeconds(1));
    EngineException e = assertThrows(EngineException.class, () -> new UciEngine(nowhere));
    assertEquals("no UCI engine at /nonexistent/stockfish: install Stockfish (Debian: apt-get install stockfish) "
        + "or point KIBITZ_STOCKFISH at one", e.getMessage());
  }
}

package dev.kibitz.games.chess.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.chess.Position;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real Stockfish games, written and read back: every line is a consistent, labelled position. */
class GameGeneratorTest {

  @Test
  void generatedPositionsAreLegalLabelledAndInGameOrder(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("games.tsv.gz");
    long n = GameGenerator.generate(new GameGenerator.Settings(2, 2, 7, 300, 4), out);
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(out)),
        StandardCharsets.UTF_8))) {
      r.lines().forEach(lines::add);
    }
    assertTrue(lines.get(0).startsWith("# kibitz chess games: Settings[games=2"), lines.get(0));
    assertEquals(String.join("\t", PositionRecord.COLUMNS), lines.get(1));
    assertEquals(n, lines.size() - 2);
    assertTrue(n > 10, "positions: " + n);
    Set<Integer> levels = new HashSet<>();
    for (int i = 0; i < EloLevels.COUNT; i++) {
      levels.add(EloLevels.elo(i));
    }
    PositionRecord previous = null;
    for (String line : lines.subList(2, lines.size())) {
      PositionRecord r = PositionRecord.parse(line);
      assertEquals(line, r.toTsv());
      Position p = Position.fromFen(r.fen());
      assertTrue(p.isLegal(r.played()), line);
      assertTrue(p.isLegal(r.best()), line);
      assertTrue(levels.contains(r.moverElo()) && levels.contains(r.opponentElo()), line);
      assertTrue(r.cpLoss() >= 0, line);
      assertTrue(r.ply() >= GamePlayer.MIN_OPENING_PLIES && r.ply() < GamePlayer.MAX_PLIES, line);
      if (previous != null && previous.game() == r.game()) {
        // consecutive plies of one game: this position is the previous one after its move, colours alternate
        assertEquals(previous.ply() + 1, r.ply());
        assertEquals(Position.fromFen(previous.fen()).play(previous.played()).toFen(), r.fen());
        assertEquals(previous.moverElo(), r.opponentElo());
        assertEquals(previous.result(), r.result());
      } else {
        assertEquals(previous == null ? 0 : previous.game() + 1, r.game());
      }
      previous = r;
    }
    assertEquals(1, previous.game());
  }

  @Test
  void badSettingsAndLinesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new GameGenerator.Settings(0, 1, 0, 1, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PositionRecord.parse("1\t2"));
    assertTrue(e.getMessage().contains("10 tab-separated fields, got 2"), e.getMessage());
  }

  @Test
  void playNodesGrowGeometricallyFromTheWeakestLevelToTheStrongest() {
    GameGenerator.Settings s = new GameGenerator.Settings(1, 1, 0, 1000, 128_000, 8, true);
    for (int level = 0; level < EloLevels.COUNT; level++) {
      assertEquals(1000L << level, s.nodesFor(EloLevels.elo(level)), "level " + level);
    }
    GameGenerator.Settings flat = new GameGenerator.Settings(1, 1, 0, 5000, 8);
    assertEquals(5000, flat.nodesFor(1350));
    assertEquals(5000, flat.nodesFor(2850));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GameGenerator.Settings(1, 1, 0, 5000, 4000, 8, false));
    assertEquals("the strongest level's play nodes (4000) must be at least the weakest level's (5000)", e.getMessage());
  }

  /** Full-strength players with node budgets search deterministically (one thread, hash cleared): same seed, same file. */
  @Test
  void fullStrengthGamesAreReproducible(@TempDir Path dir) throws Exception {
    GameGenerator.Settings s = new GameGenerator.Settings(2, 2, 5, 16, 256, 4, true);
    long n = GameGenerator.generate(s, dir.resolve("a.tsv.gz"));
    assertEquals(n, GameGenerator.generate(s, dir.resolve("b.tsv.gz")));
    String a = gunzip(dir.resolve("a.tsv.gz"));
    assertTrue(a.startsWith("# kibitz chess games: Settings[games=2, threads=2, seed=5, playNodes=16, playNodesTop=256, "
        + "labelDepth=4, fullStrength=true]"), a.substring(0, 120));
    assertEquals(a, gunzip(dir.resolve("b.tsv.gz")));
    assertTrue(n > 10, "positions: " + n);
  }

  private static String gunzip(Path file) throws java.io.IOException {
    try (var in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

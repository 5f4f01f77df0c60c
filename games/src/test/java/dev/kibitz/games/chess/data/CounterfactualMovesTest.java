package dev.kibitz.games.chess.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.agent.ChessExamples;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Stockfish games relabelled at every level: the mover's own level replays the game's move exactly. */
class CounterfactualMovesTest {

  @Test
  void everyLevelIsAskedAndTheMoversOwnLevelReproducesThePlayedMove(@TempDir Path dir) throws Exception {
    Path games = dir.resolve("games");
    GameGenerator.generate(new GameGenerator.Settings(11, 2, 3, 64, 512, 2, true), games.resolve("g.tsv.gz"));
    Map<String, PositionRecord> byKey = new HashMap<>();
    for (PositionRecord r : read(games.resolve("g.tsv.gz"), PositionRecord::parse, PositionRecord.COLUMNS)) {
      byKey.put(r.game() + "/" + r.ply(), r);
    }
    Path out = dir.resolve("cf/cf.tsv.gz");
    int positions = 12;
    CounterfactualMoves.Outcome o = CounterfactualMoves.label(games,
        new CounterfactualMoves.Settings(positions, 2, 5, 64, 512, false), out);
    assertEquals(new CounterfactualMoves.Outcome(positions * EloLevels.COUNT, positions, positions), o);

    List<CounterfactualMoves.Label> labels = read(out, CounterfactualMoves.Label::parse,
        CounterfactualMoves.Label.COLUMNS);
    assertEquals(positions * EloLevels.COUNT, labels.size());
    for (int i = 0; i < labels.size(); i++) {
      CounterfactualMoves.Label l = labels.get(i);
      PositionRecord source = byKey.get(l.game() + "/" + l.ply());
      assertEquals("g.tsv.gz", l.shard());
      assertEquals(source.fen(), l.fen());
      assertEquals(source.moverElo(), l.playedElo());
      assertEquals(source.opponentElo(), l.opponentElo());
      assertEquals(EloLevels.elo(i % EloLevels.COUNT), l.moverElo(), "levels in order, all 8 per position");
      assertTrue(!PositionRecord.isHeldOutGame(l.game()), "held-out game relabelled: " + l.game());
      assertTrue(Position.fromFen(l.fen()).isLegal(l.move()));
      if (l.moverElo() == l.playedElo()) {
        assertEquals(source.played(), l.move());
      }
    }
    ChessExamples examples = ChessExamples.loadCounterfactual(out.getParent(), false);
    assertEquals(labels.size(), examples.size());
    assertEquals(labels.get(3).moverElo(), examples.get(3).moverElo());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChessExamples.loadCounterfactual(out.getParent(), true));
    assertTrue(e.getMessage().contains("a training game: it cannot measure held-out behaviour"), e.getMessage());

    Path heldOut = dir.resolve("held/h.tsv.gz");
    CounterfactualMoves.label(games, new CounterfactualMoves.Settings(3, 2, 5, 64, 512, true), heldOut);
    List<CounterfactualMoves.Label> held = read(heldOut, CounterfactualMoves.Label::parse,
        CounterfactualMoves.Label.COLUMNS);
    assertEquals(3 * EloLevels.COUNT, held.size());
    assertTrue(held.stream().allMatch(l -> PositionRecord.isHeldOutGame(l.game())), "only held-out games");
    assertEquals(held.size(), ChessExamples.loadCounterfactual(heldOut.getParent(), true).size());
  }

  @Test
  void aHeldOutGamesLabelIsRefusedWhenTraining(@TempDir Path dir) throws Exception {
    CounterfactualMoves.Label leak = new CounterfactualMoves.Label("g.tsv.gz", 20, 5, Position.start().toFen(), 1350,
        2850, Move.parseUci("e2e4"), 2850);
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(dir.resolve("cf.tsv.gz"))),
        StandardCharsets.UTF_8)) {
      w.write(leak.toTsv() + "\n");
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChessExamples.loadCounterfactual(dir, false));
    assertTrue(e.getMessage().contains("labels game 20 of g.tsv.gz, a held-out game"), e.getMessage());
    assertEquals(leak, CounterfactualMoves.Label.parse(leak.toTsv()));
  }

  @Test
  void positionsAreDrawnWithoutReplacementInDataOrder() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      all.add(i);
    }
    List<Integer> picked = CounterfactualMoves.choose(all, 30, 9);
    assertEquals(30, picked.size());
    for (int i = 1; i < picked.size(); i++) {
      assertTrue(picked.get(i - 1) < picked.get(i), "strictly increasing: " + picked);
    }
    assertEquals(picked, CounterfactualMoves.choose(all, 30, 9));
    assertEquals(all, CounterfactualMoves.choose(all, 100, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CounterfactualMoves.choose(all, 101, 1));
    assertEquals("asked for 101 positions, the games hold 100", e.getMessage());
  }

  private static <T> List<T> read(Path file, java.util.function.Function<String, T> parse, List<String> columns)
      throws Exception {
    return TsvShards.rows(file, columns).stream().map(parse).toList();
  }
}

package dev.kibitz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChessCommandTest {
  private static final String KIWIPETE = "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1";

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = KibitzCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void perftPrintsTheNodeCount() {
    Run r = run("chess", "perft", KIWIPETE, "3");
    assertEquals(0, r.code(), r.err());
    assertEquals("97862", r.out().strip());
    assertEquals("8902", run("chess", "perft", "startpos", "3").out().strip());
  }

  @Test
  void perftDivideListsEveryRootMoveThenTheTotal() {
    Run r = run("chess", "perft", "--divide", "startpos", "2");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().strip().split("\n");
    assertEquals(22, lines.length);
    assertEquals("a2a3: 20", lines[0]);
    assertEquals("400", lines[21]);
  }

  @Test
  void badFenExitsOneNamingTheProblem() {
    Run r = run("chess", "perft", "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP w KQkq - 0 1", "2");
    assertEquals(1, r.code());
    assertEquals("kibitz: bad FEN 'rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP w KQkq - 0 1': has 7 ranks in its piece "
        + "placement; expected 8 separated by '/'", r.err().strip());
  }

  @Test
  void conceptsPrintsEveryPureConceptAsJson() {
    Run r = run("chess", "concepts", "6k1/5ppp/8/8/8/8/5PPP/R5K1 w - - 0 1");
    assertEquals(0, r.code(), r.err());
    JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals(253, json.size());
    assertEquals(1, json.get("mate_in_one_available").getAsInt());
    assertEquals(5, json.get("material_balance").getAsInt());
    assertEquals(1, json.get("own_attacks_a8").getAsInt());
    assertEquals(0, json.get("in_check").getAsInt());
    assertEquals("own_attacks_a1", json.keySet().iterator().next());
  }

  @Test
  void conceptsWithTheEngineAddStockfishsTermsAndNullInCheck() {
    Run r = run("chess", "concepts", "--engine", "startpos");
    assertEquals(0, r.code(), r.err());
    JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals(282, json.size());
    assertEquals(0.0, json.get("sf_pawns_mg").getAsDouble()); // white and black score 0.13 each
    Run check = run("chess", "concepts", "--engine", "4k3/8/8/8/8/8/8/r3K3 w - - 0 1");
    JsonObject inCheck = JsonParser.parseString(check.out()).getAsJsonObject();
    assertTrue(inCheck.get("sf_total_mg").isJsonNull());
    assertTrue(inCheck.get("mobility_opp").isJsonNull());
    assertEquals(1, inCheck.get("in_check").getAsInt());
  }

  @Test
  void conceptsOfABadFenExitOneNamingTheProblem() {
    Run r = run("chess", "concepts", "8/8/8/8/8/8/8/8 w - - 0 1");
    assertEquals(1, r.code());
    assertEquals("kibitz: bad FEN '8/8/8/8/8/8/8/8 w - - 0 1': has 0 white kings; expected exactly 1",
        r.err().strip());
  }

  @Test
  void chessHasHelp() {
    for (String[] cmd : new String[][] {{"chess", "--help"}, {"chess", "perft", "--help"},
        {"chess", "concepts", "--help"}}) {
      Run r = run(cmd);
      assertEquals(0, r.code());
      assertTrue(r.out().startsWith("Usage: kibitz chess"), r.out());
    }
  }

  @Test
  void levelKindsTabulatesEachLevelsMoves(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String header = String.join("\t", dev.kibitz.games.chess.data.CounterfactualMoves.Label.COLUMNS);
    String fen = "6k1/5ppp/8/8/6n1/8/8/R2Q2K1 w - - 0 1";
    String rows = "# test labels\n" + header + "\n"
        + "s\t1\t3\t" + fen + "\t1350\t2000\td1g4\t2000\n" // queen takes the hanging knight
        + "s\t1\t3\t" + fen + "\t2850\t2000\ta1a8\t2000\n"; // back-rank mate
    try (var w = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(
        java.nio.file.Files.newOutputStream(dir.resolve("levels.tsv.gz"))), java.nio.charset.StandardCharsets.UTF_8)) {
      w.write(rows);
    }
    Run r = run("chess", "level-kinds", "--labels", dir.toString());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals("| level | labels | capture | check | pawn_move | queen_move | ranks_forward | own_pieces_hanging_after |",
        lines[0]);
    assertEquals("| 1350 | 1 | 1.0000 | 0.0000 | 0.0000 | 1.0000 | 3.0000 | 0.0000 |", lines[2]);
    assertEquals("| 1564 | 0 | NaN | NaN | NaN | NaN | NaN | NaN |", lines[3]);
    assertEquals("| 2850 | 1 | 0.0000 | 1.0000 | 0.0000 | 0.0000 | 7.0000 | 0.0000 |", lines[9]);

    Run missing = run("chess", "level-kinds", "--labels", dir.resolve("nothing").toString());
    assertEquals(1, missing.code());
    assertEquals("kibitz: no such folder: " + dir.resolve("nothing"), missing.err().strip());
  }

  @Test
  void architectureFlagsWithInitFromAreAUsageError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    // the start checkpoint fixes the architecture: refused before any data or checkpoint is read
    for (String flag : new String[] {"--tactical-planes", "--elo-every-block"}) {
      Run r = run("chess", "train", "--init-from", dir.resolve("absent.safetensors").toString(), flag, "--out",
          dir.resolve("out").toString());
      assertEquals(2, r.code(), flag);
    }
    assertTrue(!java.nio.file.Files.exists(dir.resolve("out")), "nothing written");
  }
}

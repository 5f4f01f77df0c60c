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
}

package dev.kibitz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void chessHasHelp() {
    for (String[] cmd : new String[][] {{"chess", "--help"}, {"chess", "perft", "--help"}}) {
      Run r = run(cmd);
      assertEquals(0, r.code());
      assertTrue(r.out().startsWith("Usage: kibitz chess"), r.out());
    }
  }
}

package dev.kibitz.games.chess.concepts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.engine.ClassicalEval;
import dev.kibitz.games.chess.engine.EvalTerm;
import dev.kibitz.games.chess.engine.Stockfish;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Stockfish terms against the real Stockfish 15.1 (as {@code StockfishTest}, they fail without it). */
class EvalTermConceptsTest {
  private static Stockfish stockfish;
  private static ConceptLibrary library;

  @BeforeAll
  static void start() {
    stockfish = Stockfish.start(1);
    library = ConceptLibrary.withEngine(stockfish);
  }

  @AfterAll
  static void stop() {
    stockfish.close();
  }

  /** The same position with colours swapped: ranks mirrored, case swapped, other side to move. */
  private static String mirror(String fen) {
    String[] f = fen.split(" ");
    String[] ranks = f[0].split("/");
    StringBuilder placement = new StringBuilder();
    for (int i = 7; i >= 0; i--) {
      placement.append(swapCase(ranks[i])).append(i > 0 ? "/" : "");
    }
    String castling = f[2].equals("-") ? "-" : sortCastling(swapCase(f[2]));
    String ep = f[3].equals("-") ? "-" : f[3].charAt(0) + String.valueOf((char) ('1' + '8' - f[3].charAt(1)));
    return placement + " " + (f[1].equals("w") ? "b" : "w") + " " + castling + " " + ep + " " + f[4] + " " + f[5];
  }

  private static String swapCase(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return b.toString();
  }

  private static String sortCastling(String rights) {
    StringBuilder b = new StringBuilder();
    for (char c : "KQkq".toCharArray()) {
      if (rights.indexOf(c) >= 0) {
        b.append(c);
      }
    }
    return b.toString();
  }

  @Test
  void termsAreStockfishsTotalsFromTheSideToMovesView() {
    for (String fen : new String[] {HandMadePositions.KIWIPETE, HandMadePositions.KIWIPETE_BLACK}) {
      ClassicalEval white = stockfish.classicalEval(fen);
      double sign = fen.contains(" w ") ? 1 : -1;
      Map<String, Double> v = library.valuesByName(Position.fromFen(fen));
      for (EvalTerm t : EvalTerm.values()) {
        String name = "sf_" + t.label().toLowerCase().replace(' ', '_');
        assertEquals(sign * white.term(t).total().mg(), v.get(name + "_mg"), name + " in " + fen);
        assertEquals(sign * white.term(t).total().eg(), v.get(name + "_eg"), name + " in " + fen);
      }
      assertEquals(sign * white.classical(), v.get("sf_classical_eval"));
    }
  }

  @Test
  void aPositionAndItsColourMirrorGetTheSameValues() {
    String fen = HandMadePositions.RUY_LOPEZ;
    Map<String, Double> v = library.valuesByName(Position.fromFen(fen));
    Map<String, Double> m = library.valuesByName(Position.fromFen(mirror(fen)));
    for (Concept c : library.concepts()) {
      if (c.family() == ConceptFamily.EVAL_TERMS) {
        assertEquals(v.get(c.name()), m.get(c.name()), 1e-9, c.name());
      }
    }
    assertNotEquals(0.0, v.get("sf_mobility_mg"), "a term that is not zero, so the sign is tested");
  }

  @Test
  void inCheckEveryTermIsNaN() {
    Map<String, Double> v = library.valuesByName(Position.fromFen(HandMadePositions.DOUBLE_CHECK));
    long nan = library.concepts().stream().filter(c -> c.family() == ConceptFamily.EVAL_TERMS)
        .filter(c -> Double.isNaN(v.get(c.name()))).count();
    assertEquals(29, nan);
    assertEquals(1.0, v.get("in_check"));
  }

  @Test
  void listedTermsCannotBeComputedWithoutAnEngine() {
    Concept listed = EvalTermConcepts.unbound().get(0);
    var e = assertThrows(IllegalStateException.class,
        () -> listed.valueOf(new ConceptContext(Position.start())));
    assertTrue(e.getMessage().contains("ConceptLibrary.withEngine"), e.getMessage());
  }
}

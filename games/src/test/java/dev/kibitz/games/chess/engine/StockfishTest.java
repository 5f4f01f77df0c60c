package dev.kibitz.games.chess.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.engine.ClassicalEval.PhaseScore;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The domain functions against Stockfish 15.1 as Debian packages it (the expected numbers are its output). */
class StockfishTest {
  /** After 1.e4 d5: the c8 bishop now sees g4. */
  private static final String SCANDINAVIAN = "rnbqkbnr/ppp1pppp/8/3p4/4P3/8/PPPP1PPP/RNBQKBNR w KQkq d6 0 2";
  private static Stockfish stockfish;

  @BeforeAll
  static void start() {
    stockfish = Stockfish.start(1);
  }

  @AfterAll
  static void stop() {
    stockfish.close();
  }

  @Test
  void evaluateFindsTheMateInOneWithAMateScore() {
    Analysis a = stockfish.evaluate("6k1/5ppp/8/8/8/8/5PPP/R5K1 w - - 0 1", 8);
    assertEquals(Optional.of(Move.parseUci("a1a8")), a.bestMove());
    assertEquals(new Score.Mate(1), a.score());
    assertEquals(Score.MATE_CENTIPAWNS - 1, a.score().asCentipawns());
  }

  @Test
  void evaluateScoresFromTheSideToMovesView() {
    // Black to move, a queen down: clearly negative for the side to move.
    Analysis a = stockfish.evaluate("rnb1kbnr/pppp1ppp/8/4p3/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - 0 2", 8);
    assertTrue(a.score().asCentipawns() < -600, a.toString());
  }

  @Test
  void hangingTheQueenLosesAboutAQueenAndTheBestMoveLosesNothing() {
    Stockfish.MoveLoss blunder = stockfish.centipawnLoss(SCANDINAVIAN, Move.parseUci("d1g4"), 10);
    assertTrue(blunder.centipawns() > 700, blunder.toString());
    Move best = stockfish.evaluate(SCANDINAVIAN, 10).bestMove().orElseThrow();
    assertEquals(0, stockfish.centipawnLoss(SCANDINAVIAN, best, 10).centipawns());
  }

  @Test
  void centipawnLossOfAnIllegalMoveIsRejected() {
    assertEquals("move e2e5 is not legal in " + SCANDINAVIAN, assertThrows(IllegalArgumentException.class,
        () -> stockfish.centipawnLoss(SCANDINAVIAN, Move.parseUci("e2e5"), 5)).getMessage());
  }

  @Test
  void startPositionEvalTermsAreSymmetricAndMatchStockfish151() {
    ClassicalEval e = stockfish.classicalEval(Position.START_FEN);
    assertEquals(14, e.terms().size());
    for (EvalTerm t : EvalTerm.values()) {
      assertEquals(new PhaseScore(0, 0), e.term(t).total(), t.label());
      assertEquals(e.term(t).white(), e.term(t).black(), t.label());
    }
    assertEquals(Optional.empty(), e.term(EvalTerm.MATERIAL).white());
    assertEquals(Optional.of(new PhaseScore(0.13, -0.02)), e.term(EvalTerm.PAWNS).white());
    assertEquals(Optional.of(new PhaseScore(-0.02, -0.11)), e.term(EvalTerm.KNIGHTS).white());
    assertEquals(Optional.of(new PhaseScore(-0.00, -0.21)), e.term(EvalTerm.BISHOPS).white());
    assertEquals(Optional.of(new PhaseScore(-0.15, -0.04)), e.term(EvalTerm.ROOKS).white());
    assertEquals(Optional.of(new PhaseScore(-0.50, -0.66)), e.term(EvalTerm.MOBILITY).white());
    assertEquals(Optional.of(new PhaseScore(0.53, -0.06)), e.term(EvalTerm.KING_SAFETY).white());
    assertEquals(Optional.of(new PhaseScore(0.23, 0.00)), e.term(EvalTerm.SPACE).white());
    assertEquals(0.0, e.classical());
    assertEquals(0.19, e.nnue().orElseThrow());
    assertEquals(0.25, e.finalEvaluation());
  }

  @Test
  void extraMaterialShowsInTheMaterialTerm() {
    ClassicalEval e = stockfish.classicalEval("rnb1kbnr/pppp1ppp/8/4p3/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - 0 2");
    // Stockfish prints in its normalized pawn unit (UCI cp / 100): a queen is about 7 of them.
    assertEquals(new PhaseScore(7.04, 7.36), e.term(EvalTerm.MATERIAL).total());
    assertTrue(e.classical() > 6, e.toString());
  }

  @Test
  void evalOfAPositionInCheckOrABadFenIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> stockfish.classicalEval("4k3/8/8/8/8/8/8/r3K3 w - - 0 1"));
    String bad = "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0";
    assertTrue(assertThrows(IllegalArgumentException.class, () -> stockfish.classicalEval(bad)).getMessage()
        .startsWith("bad FEN '" + bad + "': has 5 fields"));
  }

  @Test
  void playAtASetStrengthGivesALegalMoveAndRejectsEloOutOfRange() {
    Move m = stockfish.play(Position.START_FEN, 1500, SearchLimit.nodes(2000));
    assertTrue(Position.start().isLegal(m), m.uci());
    assertEquals("UCI_Elo 1000 is outside Stockfish's range 1350..2850", assertThrows(IllegalArgumentException.class,
        () -> stockfish.play(Position.START_FEN, 1000, SearchLimit.depth(1))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> stockfish.play(Position.START_FEN, 2851, SearchLimit.depth(1)));
  }
}

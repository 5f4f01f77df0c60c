package dev.kibitz.games.chess.concepts;

import dev.kibitz.games.chess.Side;
import dev.kibitz.games.chess.engine.ClassicalEval;
import dev.kibitz.games.chess.engine.EvalTerm;
import dev.kibitz.games.chess.engine.Stockfish;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Stockfish 15.1's classical evaluation terms as real-valued concepts: for each row of its {@code eval} table
 * the total (white minus black) middlegame and endgame value, plus the classical evaluation. Values are in
 * Stockfish's pawn unit as printed, turned to the side to move's view (negated when black moves) like every
 * other concept. Stockfish prints no table for a side to move in check, so there every one of these is NaN.
 * One {@code eval} call per position serves all of them (memoized in the {@link ConceptContext}).
 */
public final class EvalTermConcepts {
  private static final ConceptFamily F = ConceptFamily.EVAL_TERMS;

  private final Stockfish stockfish;

  public EvalTermConcepts(Stockfish stockfish) {
    this.stockfish = java.util.Objects.requireNonNull(stockfish, "stockfish");
  }

  private EvalTermConcepts() {
    this.stockfish = null;
  }

  /** The concepts for listing only (docs, names): computing one fails, since there is no engine. */
  static List<Concept> unbound() {
    return new EvalTermConcepts().concepts();
  }

  public List<Concept> concepts() {
    List<Concept> c = new ArrayList<>();
    for (EvalTerm term : EvalTerm.values()) {
      String name = "sf_" + term.label().toLowerCase().replace(' ', '_');
      c.add(Concept.real(name + "_mg", F, "Stockfish's classical '" + term.label() + "' term, middlegame total, "
          + "pawns, side to move's view; NaN in check", ctx -> view(ctx, e -> e.term(term).total().mg())));
      c.add(Concept.real(name + "_eg", F, "Stockfish's classical '" + term.label() + "' term, endgame total, "
          + "pawns, side to move's view; NaN in check", ctx -> view(ctx, e -> e.term(term).total().eg())));
    }
    c.add(Concept.real("sf_classical_eval", F, "Stockfish's classical evaluation (phase-blended, scaled), pawns, "
        + "side to move's view; NaN in check", ctx -> view(ctx, ClassicalEval::classical)));
    return c;
  }

  private double view(ConceptContext ctx, ToDoubleFunction<ClassicalEval> white) {
    if (stockfish == null) {
      throw new IllegalStateException("Stockfish eval-term concepts were listed without an engine; "
          + "use ConceptLibrary.withEngine(stockfish) to compute them");
    }
    Optional<ClassicalEval> eval = ctx.memo(this, () -> ctx.position().inCheck() ? Optional.empty()
        : Optional.of(stockfish.classicalEval(ctx.position().toFen())));
    if (eval.isEmpty()) {
      return Double.NaN;
    }
    double v = white.applyAsDouble(eval.get());
    return ctx.side(true) == Side.WHITE ? v : -v;
  }
}

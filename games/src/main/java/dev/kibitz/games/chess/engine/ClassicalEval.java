package dev.kibitz.games.chess.engine;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stockfish 15.1's classical evaluation broken into terms, as its {@code eval} command prints them: for each
 * term the middlegame and endgame values for white, for black, and their difference (white minus black).
 * Values are in pawns from white's point of view, as printed. Material, Imbalance, Winnable and Total have no
 * per-side values (Stockfish prints "----"), so {@link TermScore#white()} and {@link TermScore#black()} are
 * empty for them.
 *
 * @param terms every {@link EvalTerm}
 * @param classical "Classical evaluation" (pawns, white's view)
 * @param nnue "NNUE evaluation", when NNUE is enabled
 * @param finalEvaluation "Final evaluation" (pawns, white's view): what Stockfish's search would use
 */
public record ClassicalEval(Map<EvalTerm, TermScore> terms, double classical, OptionalDouble nnue,
    double finalEvaluation) {

  public ClassicalEval {
    terms = Map.copyOf(terms);
  }

  public TermScore term(EvalTerm term) {
    return terms.get(term);
  }

  /** Middlegame and endgame value of one term for one side (or the total). */
  public record PhaseScore(double mg, double eg) {}

  public record TermScore(Optional<PhaseScore> white, Optional<PhaseScore> black, PhaseScore total) {}

  private static final Pattern SUMMARY = Pattern.compile("^(Classical|NNUE|Final) evaluation\\s+([+-]?\\d+\\.\\d+)");

  /** Parses the lines {@code eval} printed; fails naming what is missing if the table is not there. */
  static ClassicalEval parse(List<String> lines) {
    Map<EvalTerm, TermScore> terms = new EnumMap<>(EvalTerm.class);
    Double classical = null;
    Double nnue = null;
    Double finalEvaluation = null;
    for (String line : lines) {
      String[] cells = line.split("\\|", -1);
      if (cells.length == 6) {
        EvalTerm term = EvalTerm.ofLabel(cells[1].trim());
        if (term != null) {
          terms.put(term, new TermScore(side(cells[2]), side(cells[3]),
              side(cells[4]).orElseThrow(() -> new EngineException("eval row '" + line + "' has no total"))));
        }
      }
      Matcher m = SUMMARY.matcher(line.trim());
      if (m.find()) {
        double v = Double.parseDouble(m.group(2));
        switch (m.group(1)) {
          case "Classical" -> classical = v;
          case "NNUE" -> nnue = v;
          default -> finalEvaluation = v;
        }
      }
    }
    for (EvalTerm t : EvalTerm.values()) {
      if (!terms.containsKey(t)) {
        throw new EngineException("eval output has no '" + t.label() + "' row (expected Stockfish 15.1's "
            + "classical eval table); got:\n" + String.join("\n", lines));
      }
    }
    if (classical == null || finalEvaluation == null) {
      throw new EngineException("eval output lacks the 'Classical evaluation' or 'Final evaluation' line; got:\n"
          + String.join("\n", lines));
    }
    return new ClassicalEval(terms, classical, nnue == null ? OptionalDouble.empty() : OptionalDouble.of(nnue),
        finalEvaluation);
  }

  /** One "  MG    EG " cell: two numbers, or "----  ----" when the term has no per-side value. */
  private static Optional<PhaseScore> side(String cell) {
    String[] v = cell.trim().split("\\s+");
    if (v.length != 2) {
      throw new EngineException("eval cell '" + cell + "' is not 'MG EG'");
    }
    if (v[0].equals("----")) {
      return Optional.empty();
    }
    return Optional.of(new PhaseScore(Double.parseDouble(v[0]), Double.parseDouble(v[1])));
  }
}

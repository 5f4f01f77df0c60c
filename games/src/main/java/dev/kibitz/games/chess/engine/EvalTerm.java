package dev.kibitz.games.chess.engine;

/** The rows of Stockfish 15.1's classical evaluation table ({@code eval}), in the order it prints them. */
public enum EvalTerm {
  MATERIAL("Material"),
  IMBALANCE("Imbalance"),
  PAWNS("Pawns"),
  KNIGHTS("Knights"),
  BISHOPS("Bishops"),
  ROOKS("Rooks"),
  QUEENS("Queens"),
  MOBILITY("Mobility"),
  KING_SAFETY("King safety"),
  THREATS("Threats"),
  PASSED("Passed"),
  SPACE("Space"),
  WINNABLE("Winnable"),
  TOTAL("Total");

  private final String label;

  EvalTerm(String label) {
    this.label = label;
  }

  /** The row label as Stockfish prints it. */
  public String label() {
    return label;
  }

  static EvalTerm ofLabel(String label) {
    for (EvalTerm t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    return null;
  }
}

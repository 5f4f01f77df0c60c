package dev.kibitz.games.chess.concepts;

/** The families concepts are grouped in, after the Maia-2 concept probes (docs/chess-concepts.md). */
public enum ConceptFamily {
  SQUARE_THREATS("which squares each side attacks"),
  KING_SAFETY("attacks on, and cover around, each king"),
  QUEEN_SAFETY("whether each queen is attacked, defended or short of safe squares"),
  TACTICS("forks, pins, hanging and loose pieces, discovered checks"),
  MATERIAL("material balance, piece counts, bishop pair"),
  PAWN_STRUCTURE("passed, doubled, isolated, connected pawns; open files"),
  PIECES("placement of rooks and knights"),
  MOBILITY("legal moves, attacked squares, captures and checks available"),
  GAME_STATE("castling rights, check, mate in one, side to move"),
  EVAL_TERMS("Stockfish 15.1's classical evaluation terms (needs the engine)");

  private final String description;

  ConceptFamily(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** Lower-case name as the docs and JSON use it. */
  public String label() {
    return name().toLowerCase();
  }
}

package dev.kibitz.games.maze;

/** The procgen maze's five actions, in the policy head's order. */
public enum Action {
  UP(-1, 0), DOWN(1, 0), LEFT(0, -1), RIGHT(0, 1), NOOP(0, 0);

  private final int dRow;
  private final int dCol;

  Action(int dRow, int dCol) {
    this.dRow = dRow;
    this.dCol = dCol;
  }

  public int dRow() {
    return dRow;
  }

  public int dCol() {
    return dCol;
  }

  /** The four moves (no NOOP). */
  public static final Action[] MOVES = {UP, DOWN, LEFT, RIGHT};

  public String label() {
    return name().toLowerCase().replace("noop", "no-op");
  }
}

package dev.kibitz.games.maze;

/** Where a generated maze may put its cheese. */
public enum CheeseRegion {
  /** A free square within the top-right k x k squares of the maze (the training distribution). */
  TOP_RIGHT,
  /** Any free square but the mouse's start. */
  ANYWHERE;

  public static CheeseRegion parse(String s) {
    return switch (s) {
      case "top-right", "TOP_RIGHT" -> TOP_RIGHT;
      case "anywhere", "ANYWHERE" -> ANYWHERE;
      default -> throw new IllegalArgumentException("cheese region must be top-right or anywhere, got '" + s + "'");
    };
  }

  public String label() {
    return this == TOP_RIGHT ? "top-right" : "anywhere";
  }
}

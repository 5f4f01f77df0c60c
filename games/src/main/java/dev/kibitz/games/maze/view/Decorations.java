package dev.kibitz.games.maze.view;

import dev.kibitz.games.maze.Square;
import java.util.Optional;

/**
 * Optional extras on a vector field picture: a title band above the maze, a rollout's path drawn
 * over the arrows, and a target square ringed.
 */
public record Decorations(Optional<String> title, Optional<Rollout> rollout, Optional<Square> target) {
  public static final Decorations NONE = new Decorations(Optional.empty(), Optional.empty(), Optional.empty());

  public Decorations(Optional<String> title, Optional<Rollout> rollout) {
    this(title, rollout, Optional.empty());
  }

  public static Decorations titled(String title) {
    return NONE.withTitle(title);
  }

  public Decorations withTitle(String newTitle) {
    return new Decorations(Optional.of(newTitle), rollout, target);
  }

  public Decorations withRollout(Rollout newRollout) {
    return new Decorations(title, Optional.of(newRollout), target);
  }

  /** A square the picture is about (e.g. where a retargeting steers to), drawn as a ring. */
  public Decorations withTarget(Square newTarget) {
    return new Decorations(title, rollout, Optional.of(newTarget));
  }
}

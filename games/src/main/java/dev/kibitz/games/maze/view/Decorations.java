package dev.kibitz.games.maze.view;

import java.util.Optional;

/**
 * Optional extras on a vector field picture: a title band above the maze, and a rollout's path
 * drawn over the arrows.
 */
public record Decorations(Optional<String> title, Optional<Rollout> rollout) {
  public static final Decorations NONE = new Decorations(Optional.empty(), Optional.empty());

  public static Decorations titled(String title) {
    return NONE.withTitle(title);
  }

  public Decorations withTitle(String newTitle) {
    return new Decorations(Optional.of(newTitle), rollout);
  }

  public Decorations withRollout(Rollout newRollout) {
    return new Decorations(title, Optional.of(newRollout));
  }
}

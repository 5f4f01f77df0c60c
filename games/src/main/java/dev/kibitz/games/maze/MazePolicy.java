package dev.kibitz.games.maze;

import java.util.List;

/**
 * A policy over maze positions: for the mouse at each given square of one maze, the probability
 * of each {@link Action} (in Action order). Implemented in-process over a hooked model and over
 * the model server's gRPC API.
 */
@FunctionalInterface
public interface MazePolicy {
  float[][] actionProbabilities(Maze maze, List<Square> mice);
}

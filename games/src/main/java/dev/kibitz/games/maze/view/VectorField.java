package dev.kibitz.games.maze.view;

import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazePolicy;
import dev.kibitz.games.maze.Square;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy's behaviour over a whole maze: the action probabilities with the mouse at every free
 * square but the cheese (the episode ends there), in row-major order. The policy sees no history,
 * so this one table fixes every rollout too ({@link Rollout}).
 */
public record VectorField(Maze maze, List<SquareVector> vectors) {

  public VectorField {
    vectors = List.copyOf(vectors);
    for (SquareVector v : vectors) {
      if (maze.isWall(v.square())) {
        throw new IllegalArgumentException("vector field square " + v.square() + " is a wall");
      }
    }
  }

  /** Asks {@code policy} once, in one batch, for every free square but the cheese. */
  public static VectorField compute(Maze maze, MazePolicy policy) {
    List<Square> squares = maze.freeSquares().stream().filter(s -> !s.equals(maze.cheese())).toList();
    float[][] probabilities = policy.actionProbabilities(maze, squares);
    if (probabilities == null || probabilities.length != squares.size()) {
      throw new IllegalStateException("policy returned " + (probabilities == null ? "null" : probabilities.length
          + " rows") + " for " + squares.size() + " mouse squares");
    }
    List<SquareVector> vectors = new ArrayList<>(squares.size());
    for (int i = 0; i < squares.size(); i++) {
      vectors.add(new SquareVector(squares.get(i), probabilities[i]));
    }
    return new VectorField(maze, vectors);
  }

  /**
   * What changed from {@code before} to {@code after}: after's net vector minus before's at every
   * square both fields cover, in before's order (for a patch, pass the unpatched field first). The
   * mazes must have the same walls; the diff keeps before's maze for drawing.
   */
  public static VectorFieldDiff diff(VectorField before, VectorField after) {
    if (!sameWalls(before.maze, after.maze)) {
      throw new IllegalArgumentException("cannot diff vector fields of different mazes: walls differ\n"
          + before.maze + "\nvs\n" + after.maze);
    }
    Map<Square, SquareVector> afterBySquare = after.bySquare();
    List<Arrow> arrows = new ArrayList<>();
    for (SquareVector b : before.vectors) {
      SquareVector a = afterBySquare.get(b.square());
      if (a != null) {
        arrows.add(new Arrow(b.square(), a.dx() - b.dx(), a.dy() - b.dy()));
      }
    }
    return new VectorFieldDiff(before.maze, arrows);
  }

  public Optional<SquareVector> at(Square square) {
    return vectors.stream().filter(v -> v.square().equals(square)).findFirst();
  }

  public List<Arrow> arrows() {
    return vectors.stream().map(SquareVector::arrow).toList();
  }

  Map<Square, SquareVector> bySquare() {
    Map<Square, SquareVector> out = new HashMap<>();
    for (SquareVector v : vectors) {
      out.put(v.square(), v);
    }
    return out;
  }

  static boolean sameWalls(Maze a, Maze b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int r = 0; r < Maze.GRID; r++) {
      for (int c = 0; c < Maze.GRID; c++) {
        if (a.isWall(r, c) != b.isWall(r, c)) {
          return false;
        }
      }
    }
    return true;
  }
}

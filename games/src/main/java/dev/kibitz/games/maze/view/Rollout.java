package dev.kibitz.games.maze.view;

import dev.kibitz.games.maze.Action;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazePolicy;
import dev.kibitz.games.maze.Square;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One episode of a policy from the mouse's start: every square visited (the start first), whether
 * it reached the cheese (the episode ends there) or ever stood on the top-right square, and how
 * many actions it took. Moves go through {@link Maze#move}, so bumping a wall or NOOP spends a
 * step in place. Without the cheese it stops after {@code maxSteps}, by default
 * {@link #defaultMaxSteps} = 2 x the number of free squares: a spanning-tree maze is walked end
 * to end in fewer.
 *
 * <p>A {@link MazePolicy} sees only the maze and the mouse's square, so its whole behaviour is its
 * {@link VectorField}: the rollouts here read actions from the field, one batched policy call
 * however long the walk.
 */
public record Rollout(List<Square> squares, boolean reachedCheese, boolean reachedTopRight, int steps) {

  public Rollout {
    squares = List.copyOf(squares);
    if (squares.isEmpty() || steps != squares.size() - 1) {
      throw new IllegalArgumentException("a rollout of " + steps + " steps visits " + (steps + 1)
          + " squares, got " + squares.size());
    }
  }

  public Square end() {
    return squares.get(squares.size() - 1);
  }

  public static int defaultMaxSteps(Maze maze) {
    return 2 * maze.freeSquares().size();
  }

  /** Always the most likely action (ties to the first in Action order). */
  public static Rollout greedy(Maze maze, MazePolicy policy) {
    return greedy(VectorField.compute(maze, policy));
  }

  public static Rollout greedy(VectorField field) {
    return greedy(field, defaultMaxSteps(field.maze()));
  }

  public static Rollout greedy(VectorField field, int maxSteps) {
    return walk(field, maxSteps, SquareVector::argmax);
  }

  /** Actions drawn from the policy's probabilities by one SplittableRandom(seed): same seed, same walk. */
  public static Rollout sampled(Maze maze, MazePolicy policy, long seed) {
    return sampled(VectorField.compute(maze, policy), seed);
  }

  public static Rollout sampled(VectorField field, long seed) {
    return sampled(field, seed, defaultMaxSteps(field.maze()));
  }

  public static Rollout sampled(VectorField field, long seed, int maxSteps) {
    SplittableRandom random = new SplittableRandom(seed);
    return walk(field, maxSteps, v -> draw(v, random));
  }

  private static Rollout walk(VectorField field, int maxSteps, Function<SquareVector, Action> choose) {
    if (maxSteps < 0) {
      throw new IllegalArgumentException("max steps must be >= 0, got " + maxSteps);
    }
    Maze maze = field.maze();
    Map<Square, SquareVector> policy = field.bySquare();
    Square at = maze.mouseStart();
    List<Square> visited = new ArrayList<>(List.of(at));
    boolean topRight = at.equals(maze.topRight());
    while (!at.equals(maze.cheese()) && visited.size() <= maxSteps) {
      SquareVector here = policy.get(at);
      if (here == null) {
        throw new IllegalArgumentException("vector field has no policy at visited square " + at);
      }
      at = maze.move(at, choose.apply(here));
      visited.add(at);
      topRight |= at.equals(maze.topRight());
    }
    return new Rollout(visited, at.equals(maze.cheese()), topRight, visited.size() - 1);
  }

  private static Action draw(SquareVector v, SplittableRandom random) {
    float[] p = v.probabilities();
    double total = 0;
    for (float x : p) {
      if (!(x >= 0) || Float.isInfinite(x)) {
        throw new IllegalArgumentException("action probabilities at " + v.square() + " must be finite and >= 0, got "
            + java.util.Arrays.toString(p));
      }
      total += x;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("action probabilities at " + v.square() + " sum to 0");
    }
    double u = random.nextDouble() * total;
    int last = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0) {
        last = i;
        u -= p[i];
        if (u < 0) {
          return Action.values()[i];
        }
      }
    }
    return Action.values()[last];
  }
}

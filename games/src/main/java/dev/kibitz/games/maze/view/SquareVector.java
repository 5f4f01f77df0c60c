package dev.kibitz.games.maze.view;

import dev.kibitz.games.maze.Action;
import dev.kibitz.games.maze.Square;
import java.util.Arrays;

/**
 * The policy at one square of a maze: the probability of each {@link Action} (in Action order)
 * and the net probability vector they make, the sum over moves of p(a) times the move's unit
 * direction. NOOP adds nothing, so a policy that mostly waits has a short arrow.
 */
public record SquareVector(Square square, float[] probabilities) {

  public SquareVector {
    if (probabilities.length != Action.values().length) {
      throw new IllegalArgumentException("square " + square + ": expected " + Action.values().length
          + " action probabilities, got " + probabilities.length);
    }
    probabilities = probabilities.clone();
  }

  @Override
  public float[] probabilities() {
    return probabilities.clone();
  }

  public float probability(Action a) {
    return probabilities[a.ordinal()];
  }

  /** p(right) - p(left). */
  public double dx() {
    return (double) probability(Action.RIGHT) - probability(Action.LEFT);
  }

  /** p(down) - p(up): grid rows grow downwards. */
  public double dy() {
    return (double) probability(Action.DOWN) - probability(Action.UP);
  }

  public Arrow arrow() {
    return new Arrow(square, dx(), dy());
  }

  /** The most likely action; ties go to the first in Action order. */
  public Action argmax() {
    int best = 0;
    for (int i = 1; i < probabilities.length; i++) {
      if (probabilities[i] > probabilities[best]) {
        best = i;
      }
    }
    return Action.values()[best];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SquareVector v && square.equals(v.square) && Arrays.equals(probabilities, v.probabilities);
  }

  @Override
  public int hashCode() {
    return 31 * square.hashCode() + Arrays.hashCode(probabilities);
  }

  @Override
  public String toString() {
    return "SquareVector[" + square + " " + Arrays.toString(probabilities) + "]";
  }
}

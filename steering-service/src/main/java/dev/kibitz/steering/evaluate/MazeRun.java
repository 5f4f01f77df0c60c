package dev.kibitz.steering.evaluate;

import dev.kibitz.core.KibitzException;
import dev.kibitz.games.maze.Action;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.PathFinder;
import dev.kibitz.games.maze.Square;
import dev.kibitz.games.maze.view.Rollout;
import dev.kibitz.games.maze.view.SquareVector;
import dev.kibitz.games.maze.view.VectorField;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.GameState;
import dev.kibitz.proto.v1.MazeCase;
import dev.kibitz.proto.v1.MazeRow;
import dev.kibitz.proto.v1.Position;
import dev.kibitz.proto.v1.RolloutOutcome;
import dev.kibitz.proto.v1.SquarePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One maze of an evaluation: the policy at every square of its field, unpatched and patched (one
 * forward batch each), the probabilities at the decision square, and the greedy rollouts.
 */
final class MazeRun {
  private final int index;
  private final MazeCase mazeCase;
  private final Maze maze;
  /** The field's squares, decision square included. */
  private final List<Square> squares;
  private final boolean everySquare;
  private final Optional<Square> decision;
  /** The case's retarget square, when it names one. */
  private final Optional<Square> target;

  MazeRun(int index, MazeCase c) {
    this.index = index;
    this.mazeCase = c;
    this.maze = MazeStates.maze(c.getMaze(), "cases[" + index + "].maze");
    this.decision = new PathFinder(maze).decisionSquare();
    this.everySquare = c.getSquaresList().isEmpty();
    List<Square> s = new ArrayList<>();
    if (everySquare) {
      maze.freeSquares().stream().filter(q -> !q.equals(maze.cheese())).forEach(s::add);
    } else {
      for (Position p : c.getSquaresList()) {
        Square q = new Square(p.getRow(), p.getCol());
        if (maze.isWall(q)) {
          throw KibitzException.invalid("cases[" + index + "].squares: " + q + " is a wall (or off the 25x25 grid)");
        }
        s.add(q);
      }
      decision.filter(d -> !s.contains(d)).ifPresent(s::add);
    }
    this.squares = List.copyOf(s);
    if (c.hasTarget()) {
      Square t = new Square(c.getTarget().getRow(), c.getTarget().getCol());
      if (maze.isWall(t)) {
        throw KibitzException.invalid("cases[" + index + "].target: " + t + " is a wall (or off the 25x25 grid)");
      }
      this.target = Optional.of(t);
    } else {
      this.target = Optional.empty();
    }
  }

  List<Square> squares() {
    return squares;
  }

  List<GameState> states() {
    return squares.stream().map(q -> MazeStates.toProto(maze, q)).toList();
  }

  /**
   * The row from both fields' probabilities, in {@link #states} order.
   *
   * @param grid the hook's grid over the maze, for the target's cell; null when not retargeting
   */
  MazeRow row(float[][] unpatched, float[][] patched, double vectorNorm, HookGrid grid) {
    VectorField before = field(unpatched);
    VectorField after = field(patched);
    MazeRow.Builder r = MazeRow.newBuilder().setCaseIndex(index).setLabel(mazeCase.getLabel())
        .setCheese(position(maze.cheese())).setVectorNorm(vectorNorm)
        .setMeanAbsDeltaP(meanAbsoluteChange(unpatched, patched));
    Optional<Square> targetCell = grid == null ? Optional.empty() : target.map(grid::cell);
    target.ifPresent(t -> r.setTarget(position(t)));
    targetCell.ifPresent(t -> r.setTargetCell(position(t)));
    if (decision.isPresent()) {
      Square d = decision.get();
      PathFinder paths = new PathFinder(maze);
      Action toCheese = paths.bestAction(d, paths.distances(maze.cheese()));
      Action toCorner = paths.bestAction(d, paths.distances(maze.topRight()));
      SquareVector b = before.at(d).orElseThrow();
      SquareVector a = after.at(d).orElseThrow();
      r.setDecisionSquare(position(d)).setPCheeseUnpatched(b.probability(toCheese))
          .setPCheesePatched(a.probability(toCheese)).setPTopRightUnpatched(b.probability(toCorner))
          .setPTopRightPatched(a.probability(toCorner));
    }
    if (everySquare) {
      r.setRolloutUnpatched(outcome(Rollout.greedy(before), grid, targetCell))
          .setRolloutPatched(outcome(Rollout.greedy(after), grid, targetCell));
    }
    before.vectors().forEach(v -> r.addFieldUnpatched(policy(v)));
    after.vectors().forEach(v -> r.addFieldPatched(policy(v)));
    return r.build();
  }

  private VectorField field(float[][] probabilities) {
    List<SquareVector> v = new ArrayList<>();
    for (int i = 0; i < squares.size(); i++) {
      v.add(new SquareVector(squares.get(i), probabilities[i]));
    }
    return new VectorField(maze, v);
  }

  private RolloutOutcome outcome(Rollout r, HookGrid grid, Optional<Square> targetCell) {
    RolloutOutcome.Builder o = RolloutOutcome.newBuilder().setReachedCheese(r.reachedCheese())
        .setReachedTopRight(r.reachedTopRight()).setSteps(r.steps());
    target.ifPresent(t -> o.setReachedTarget(r.squares().contains(t)));
    targetCell.ifPresent(cell -> o.setReachedTargetCell(r.squares().stream().anyMatch(q -> grid.cell(q).equals(cell))));
    return o.build();
  }

  /** Mean over squares and actions of |patched - unpatched|: how much the whole field moved. */
  static double meanAbsoluteChange(float[][] unpatched, float[][] patched) {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < unpatched.length; i++) {
      for (int a = 0; a < unpatched[i].length; a++) {
        sum += Math.abs((double) patched[i][a] - unpatched[i][a]);
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  private static SquarePolicy policy(SquareVector v) {
    SquarePolicy.Builder b = SquarePolicy.newBuilder().setSquare(position(v.square()));
    for (float p : v.probabilities()) {
      b.addProbabilities(p);
    }
    return b.build();
  }

  static Position position(Square s) {
    return Position.newBuilder().setRow(s.row()).setCol(s.col()).build();
  }
}

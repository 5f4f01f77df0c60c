package dev.kibitz.steering.evaluate;

import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.Square;
import dev.kibitz.games.maze.view.SquareVector;
import dev.kibitz.games.maze.view.VectorField;
import dev.kibitz.proto.v1.SquarePolicy;
import java.util.ArrayList;
import java.util.List;

/** A maze row's policy field, as Evaluate streams it, turned back into a drawable vector field. */
public final class Fields {
  private Fields() {}

  public static VectorField of(Maze maze, List<SquarePolicy> policies) {
    List<SquareVector> v = new ArrayList<>();
    for (SquarePolicy p : policies) {
      float[] probabilities = new float[p.getProbabilitiesCount()];
      for (int i = 0; i < probabilities.length; i++) {
        probabilities[i] = p.getProbabilities(i);
      }
      v.add(new SquareVector(new Square(p.getSquare().getRow(), p.getSquare().getCol()), probabilities));
    }
    return new VectorField(maze, v);
  }
}

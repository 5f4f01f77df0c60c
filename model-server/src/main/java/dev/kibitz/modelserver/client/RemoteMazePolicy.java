package dev.kibitz.modelserver.client;

import dev.kibitz.core.tensor.Logits;
import dev.kibitz.games.maze.Maze;
import dev.kibitz.games.maze.MazePolicy;
import dev.kibitz.games.maze.Square;
import dev.kibitz.modelserver.games.MazeStates;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardRequest;
import java.util.List;

/**
 * A maze policy served by the model server: each call sends the positions as maze game states in
 * one batch of an open Forward session and softmaxes the returned "logits".
 */
public final class RemoteMazePolicy implements MazePolicy {
  private final ForwardStream stream;

  public RemoteMazePolicy(ForwardStream stream) {
    this.stream = stream;
  }

  @Override
  public float[][] actionProbabilities(Maze maze, List<Square> mice) {
    ForwardBatch.Builder b = ForwardBatch.newBuilder();
    for (Square mouse : mice) {
      b.addStates(MazeStates.toProto(maze, mouse));
    }
    stream.send(ForwardRequest.newBuilder().setBatch(b).build());
    float[] logits = stream.receive().outputs().get("logits").toFloats();
    int actions = logits.length / mice.size();
    float[][] out = new float[mice.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = Logits.softmax(logits, i * actions, actions);
    }
    return out;
  }
}

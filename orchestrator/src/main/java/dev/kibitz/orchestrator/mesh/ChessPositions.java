package dev.kibitz.orchestrator.mesh;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.agent.ChessExamples;
import dev.kibitz.games.chess.concepts.Concept;
import dev.kibitz.games.chess.concepts.ConceptLibrary;
import dev.kibitz.games.chess.data.EloLevels;
import dev.kibitz.proto.v1.ChessState;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.GameState;
import dev.kibitz.store.catalog.LabelSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A chess position set for probing across skill conditioning: {@code perBucket} held-out positions
 * (games with {@code game % 10 == 0}, never trained on) whose mover was at each of the 8 Elo levels, so
 * no level dominates, each position shown to the model once per conditioning Elo with everything else
 * unchanged (the opponent's Elo as recorded). Batches are one conditioning's chunk of positions, with
 * labels: {@code input_id} (the position's index in the set, the same under every conditioning),
 * {@code mover_elo} (the conditioning), {@code true_mover_elo}, and each concept (BOOL or FLOAT32).
 */
public final class ChessPositions {
  static final int CHUNK = 128;
  public static final String CONDITIONING = "mover_elo";

  private final List<ChessExamples.Example> positions;
  private final List<Integer> elos;
  private final List<Concept> concepts;
  private final double[][] values;

  private ChessPositions(List<ChessExamples.Example> positions, List<Integer> elos, List<Concept> concepts) {
    this.positions = List.copyOf(positions);
    this.elos = List.copyOf(elos);
    this.concepts = List.copyOf(concepts);
    ConceptLibrary library = new ConceptLibrary(concepts);
    values = new double[positions.size()][];
    for (int i = 0; i < positions.size(); i++) {
      values[i] = library.values(Position.fromFen(positions.get(i).fen()));
    }
  }

  /**
   * Picks {@code perBucket} held-out positions of each true mover level from the shards under {@code data}
   * (a seeded shuffle of each level's positions), in level order.
   *
   * @throws IllegalArgumentException if some level has fewer held-out positions
   */
  public static ChessPositions heldOut(Path data, int perBucket, long seed, List<Integer> elos, List<Concept> concepts)
      throws IOException {
    return heldOut(data, perBucket, seed, elos, concepts, 0);
  }

  /**
   * As {@link #heldOut(Path, int, long, List, List)}, skipping the first {@code skip} of each level's shuffled
   * positions: sets drawn with the same seed and non-overlapping skips share no position.
   */
  public static ChessPositions heldOut(Path data, int perBucket, long seed, List<Integer> elos, List<Concept> concepts,
      int skip) throws IOException {
    ChessExamples heldOut = ChessExamples.load(data)[1];
    List<List<ChessExamples.Example>> byBucket = new ArrayList<>();
    for (int b = 0; b < EloLevels.COUNT; b++) {
      byBucket.add(new ArrayList<>());
    }
    for (int i = 0; i < heldOut.size(); i++) {
      byBucket.get(EloLevels.bucket(heldOut.get(i).moverElo())).add(heldOut.get(i));
    }
    List<ChessExamples.Example> picked = new ArrayList<>();
    for (int b = 0; b < EloLevels.COUNT; b++) {
      List<ChessExamples.Example> level = byBucket.get(b);
      if (level.size() < skip + perBucket) {
        throw new IllegalArgumentException("held-out positions of mover Elo " + EloLevels.elo(b) + ": " + level.size()
            + ", fewer than the " + (skip + perBucket) + " asked for");
      }
      Collections.shuffle(level, new Random(seed * 31 + b));
      picked.addAll(level.subList(skip, skip + perBucket));
    }
    return new ChessPositions(picked, elos, concepts);
  }

  /** The positions in set order, each with its recorded Elos. */
  public List<ChessExamples.Example> examples() {
    return positions;
  }

  /** Concept {@code concept}'s value (index in {@link #concepts()}) at position {@code position}. */
  public double value(int position, int concept) {
    return values[position][concept];
  }

  /** The game states of {@code examples}, each conditioned on {@code moverElo}, the opponent's Elo as recorded. */
  public static List<GameState> statesAt(List<ChessExamples.Example> examples, int moverElo) {
    return examples.stream().map(e -> GameState.newBuilder().setChess(ChessState.newBuilder().setFen(e.fen())
        .setMoverElo(moverElo).setOpponentElo(e.opponentElo())).build()).toList();
  }

  public int positions() {
    return positions.size();
  }

  public List<Integer> elos() {
    return elos;
  }

  public List<Concept> concepts() {
    return concepts;
  }

  /** Positions per true mover Elo level, in level order. */
  public int[] perTrueBucket() {
    int[] n = new int[EloLevels.COUNT];
    positions.forEach(p -> n[EloLevels.bucket(p.moverElo())]++);
    return n;
  }

  private int chunks() {
    return (positions.size() + CHUNK - 1) / CHUNK;
  }

  /** Batches in all: every chunk under every conditioning. */
  public int batches() {
    return chunks() * elos.size();
  }

  public List<LabelSpec> labels() {
    List<LabelSpec> out = new ArrayList<>(List.of(new LabelSpec("input_id", DType.INT64, new long[0]),
        new LabelSpec(CONDITIONING, DType.INT32, new long[0]), new LabelSpec("true_mover_elo", DType.INT32,
            new long[0])));
    concepts.forEach(c -> out.add(new LabelSpec(c.name(), c.kind() == Concept.Kind.BOOLEAN ? DType.BOOL
        : DType.FLOAT32, new long[0])));
    return out;
  }

  /** Batch {@code index}: conditioning {@code index / chunks}, chunk {@code index % chunks}, with labels. */
  public ForwardBatch batch(int index) {
    int elo = elos.get(index / chunks());
    int from = (index % chunks()) * CHUNK;
    int to = Math.min(positions.size(), from + CHUNK);
    int n = to - from;
    ForwardBatch.Builder b = ForwardBatch.newBuilder().setBatchId("elo-" + elo + "/positions-" + from);
    ByteBuffer ids = BatchLabels.buffer(n * 8);
    ByteBuffer conditioning = BatchLabels.buffer(n * 4);
    ByteBuffer truth = BatchLabels.buffer(n * 4);
    for (int i = from; i < to; i++) {
      ChessExamples.Example e = positions.get(i);
      b.addStates(GameState.newBuilder().setChess(ChessState.newBuilder().setFen(e.fen()).setMoverElo(elo)
          .setOpponentElo(e.opponentElo())));
      ids.putLong(i);
      conditioning.putInt(elo);
      truth.putInt(e.moverElo());
    }
    long[] shape = {n};
    b.addLabels(BatchLabels.label("input_id", new HostTensor(DType.INT64, shape, ids.flip())))
        .addLabels(BatchLabels.label(CONDITIONING, new HostTensor(DType.INT32, shape, conditioning.flip())))
        .addLabels(BatchLabels.label("true_mover_elo", new HostTensor(DType.INT32, shape, truth.flip())));
    for (int c = 0; c < concepts.size(); c++) {
      boolean bool = concepts.get(c).kind() == Concept.Kind.BOOLEAN;
      ByteBuffer v = BatchLabels.buffer(n * (bool ? 1 : 4));
      for (int i = from; i < to; i++) {
        if (bool) {
          v.put((byte) (values[i][c] != 0 ? 1 : 0));
        } else {
          v.putFloat((float) values[i][c]);
        }
      }
      b.addLabels(BatchLabels.label(concepts.get(c).name(), new HostTensor(bool ? DType.BOOL : DType.FLOAT32, shape,
          v.flip())));
    }
    return b.build();
  }
}

package dev.kibitz.games.chess.agent;

import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.data.CounterfactualMoves;
import dev.kibitz.games.chess.data.PositionRecord;
import dev.kibitz.games.chess.data.TsvShards;
import dev.kibitz.games.chess.encode.ChessEncoder;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training examples for the chess policy: each recorded position with the move the player made
 * (as a vocabulary index) and both players' Elo. Held out by game, so no game is split between
 * training and evaluation: games {@link PositionRecord#isHeldOutGame} (per shard) are held out.
 */
public final class ChessExamples {
  /**
   * One example; {@code move} is the played move's vocabulary index, {@code best} Stockfish's best
   * move's (fixed-depth label), {@code cpLoss} the centipawns the played move lost against it.
   */
  public record Example(String fen, int move, int moverElo, int opponentElo, int best, int cpLoss) {
    /** An example without a Stockfish label (best = the played move, no loss). */
    public Example(String fen, int move, int moverElo, int opponentElo) {
      this(fen, move, moverElo, opponentElo, move, 0);
    }

    /** The same position and moves with the mover's Elo replaced (the conditioning, not the label). */
    public Example withMoverElo(int elo) {
      return new Example(fen, move, elo, opponentElo, best, cpLoss);
    }
  }

  private final List<Example> examples;

  public ChessExamples(List<Example> examples) {
    this.examples = List.copyOf(examples);
  }

  public int size() {
    return examples.size();
  }

  public Example get(int i) {
    return examples.get(i);
  }

  /** Examples {@code from} (inclusive) up to {@code from + count}, cut at the end: one evaluation batch. */
  public List<Example> batchAt(int from, int count) {
    return examples.subList(from, Math.min(examples.size(), from + count));
  }

  /** The training and held-out examples of every {@code *.tsv.gz} shard under {@code dir}, shards in name order. */
  public static ChessExamples[] load(Path dir) throws IOException {
    List<Example> train = new ArrayList<>();
    List<Example> heldOut = new ArrayList<>();
    for (Path shard : TsvShards.list(dir)) {
      for (String line : TsvShards.rows(shard, PositionRecord.COLUMNS)) {
        PositionRecord p = PositionRecord.parse(line);
        var side = Position.fromFen(p.fen()).sideToMove();
        Example e = new Example(p.fen(), MoveVocabulary.index(p.played(), side), p.moverElo(), p.opponentElo(),
            MoveVocabulary.index(p.best(), side), p.cpLoss());
        (PositionRecord.isHeldOutGame(p.game()) ? heldOut : train).add(e);
      }
    }
    return new ChessExamples[] {new ChessExamples(train), new ChessExamples(heldOut)};
  }

  /**
   * Examples from {@link dev.kibitz.games.chess.data.CounterfactualMoves} files ({@code *.tsv.gz} under {@code dir}):
   * each position under a level's Elo with the move that level plays there. For training ({@code heldOut} false)
   * a label from a held-out game is refused, since it would leak into the held-out evaluation; for evaluation
   * ({@code heldOut} true) a label from a training game is refused.
   */
  public static ChessExamples loadCounterfactual(Path dir, boolean heldOut) throws IOException {
    List<Example> out = new ArrayList<>();
    for (CounterfactualMoves.Label l : CounterfactualMoves.read(dir)) {
      if (PositionRecord.isHeldOutGame(l.game()) != heldOut) {
        throw new IllegalArgumentException(dir + " labels game " + l.game() + " of " + l.shard() + ", a "
            + (heldOut ? "training game: it cannot measure held-out behaviour"
                : "held-out game: training on it would leak into the evaluation"));
      }
      var side = Position.fromFen(l.fen()).sideToMove();
      out.add(new Example(l.fen(), MoveVocabulary.index(l.move(), side), l.moverElo(), l.opponentElo()));
    }
    return new ChessExamples(out);
  }

  /** These examples followed by {@code more}'s. */
  public ChessExamples plus(ChessExamples more) {
    List<Example> all = new ArrayList<>(examples);
    all.addAll(more.examples);
    return new ChessExamples(all);
  }

  /** A batch drawn uniformly with replacement. */
  public List<Example> sample(SplittableRandom random, int batch) {
    List<Example> out = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      out.add(examples.get(random.nextInt(examples.size())));
    }
    return out;
  }

  /** The encoder's states for a batch (the Elo of each side as recorded). */
  public static List<ChessEncoder.State> states(List<Example> batch) {
    return batch.stream().map(e -> new ChessEncoder.State(Position.fromFen(e.fen()), e.moverElo(), e.opponentElo()))
        .toList();
  }
}

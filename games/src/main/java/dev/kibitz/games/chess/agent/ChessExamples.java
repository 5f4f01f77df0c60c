package dev.kibitz.games.chess.agent;

import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.data.PositionRecord;
import dev.kibitz.games.chess.encode.ChessEncoder;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Training examples for the chess policy: each recorded position with the move the player made
 * (as a vocabulary index) and both players' Elo. Held out by game, so no game is split between
 * training and evaluation: games with {@code game % 10 == HELD_OUT_GAME} (per shard) are held out.
 */
public final class ChessExamples {
  static final int HELD_OUT_GAME = 0;

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
    List<Path> shards;
    try (Stream<Path> s = Files.list(dir)) {
      shards = s.filter(p -> p.getFileName().toString().endsWith(".tsv.gz")).sorted().toList();
    }
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("no *.tsv.gz game shards in " + dir);
    }
    for (Path shard : shards) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(shard)),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("#") || line.startsWith("game\t")) {
            continue;
          }
          PositionRecord p = PositionRecord.parse(line);
          var side = Position.fromFen(p.fen()).sideToMove();
          Example e = new Example(p.fen(), MoveVocabulary.index(p.played(), side), p.moverElo(), p.opponentElo(),
              MoveVocabulary.index(p.best(), side), p.cpLoss());
          (p.game() % 10 == HELD_OUT_GAME ? heldOut : train).add(e);
        }
      }
    }
    return new ChessExamples[] {new ChessExamples(train), new ChessExamples(heldOut)};
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

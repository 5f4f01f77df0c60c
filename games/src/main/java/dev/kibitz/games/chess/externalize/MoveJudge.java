package dev.kibitz.games.chess.externalize;

import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import dev.kibitz.games.chess.engine.Stockfish;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Stockfish's centipawn loss of a policy's moves at a fixed depth, searched in parallel over the engine
 * pool; each (position, move) is searched once and remembered, since the experiment asks about the
 * same moves before and after fine-tuning.
 */
public final class MoveJudge implements AutoCloseable {
  private final Stockfish stockfish;
  private final int depth;
  private final ExecutorService workers;
  private final Map<String, Integer> losses = new ConcurrentHashMap<>();

  public MoveJudge(Stockfish stockfish, int engines, int depth) {
    if (depth < 1 || engines < 1) {
      throw new IllegalArgumentException("depth and engines must be >= 1, got " + depth + ", " + engines);
    }
    this.stockfish = stockfish;
    this.depth = depth;
    this.workers = Executors.newFixedThreadPool(engines, r -> {
      Thread t = new Thread(r, "move-judge");
      t.setDaemon(true);
      return t;
    });
  }

  public int depth() {
    return depth;
  }

  /** Distinct (position, move) pairs searched so far. */
  public int searched() {
    return losses.size();
  }

  /**
   * The centipawn loss of {@code moves[i]} (vocabulary index, mover's frame) in {@code fens.get(i)};
   * {@code done} hears each answer.
   */
  public int[] losses(List<String> fens, int[] moves, IntConsumer done) throws InterruptedException {
    if (fens.size() != moves.length) {
      throw new IllegalArgumentException(fens.size() + " positions but " + moves.length + " moves");
    }
    List<Future<Integer>> pending = new ArrayList<>();
    for (int i = 0; i < moves.length; i++) {
      String fen = fens.get(i);
      int move = moves[i];
      pending.add(workers.submit(() -> {
        String key = fen + "|" + move;
        Integer known = losses.get(key); // not computeIfAbsent: a search must not lock the map's bin
        if (known != null) {
          return known;
        }
        int loss = stockfish.centipawnLoss(fen, MoveVocabulary.toMove(move, Position.fromFen(fen)), depth)
            .centipawns();
        losses.putIfAbsent(key, loss);
        return loss;
      }));
    }
    int[] out = new int[moves.length];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = pending.get(i).get();
      } catch (ExecutionException e) {
        pending.forEach(f -> f.cancel(true));
        throw new IllegalStateException("Stockfish could not judge move " + moves[i] + " in " + fens.get(i) + ": "
            + e.getCause().getMessage(), e.getCause());
      }
      done.accept(i + 1);
    }
    return out;
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}

package dev.kibitz.games.chess.data;

import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.games.chess.engine.SearchLimit;
import dev.kibitz.games.chess.engine.Stockfish;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Generates the chess training data: games between Stockfish players at Elo levels drawn at random
 * (so players of different levels meet), played in parallel on a pool of engines, written as
 * gzipped TSV in game order with a progress bar. Weakened Stockfish picks its moves at random, so a
 * rerun gives different games of the same kind; the settings are in the file's header comment.
 */
public final class GameGenerator {
  /**
   * What to generate. A player at the weakest level searches {@code playNodes} nodes a move, one
   * at the strongest {@code playNodesTop}, and the levels between grow geometrically. A budget that
   * grows with the level keeps the strong levels apart: at one small budget for all, UCI_Elo above
   * ~2000 plays alike (docs/chess.md). With {@code fullStrength} the players do not use
   * UCI_LimitStrength at all: a level is its node budget alone, and the Elo written for it is the
   * level's nominal value.
   */
  public record Settings(int games, int threads, long seed, long playNodes, long playNodesTop, int labelDepth,
      boolean fullStrength) {
    public Settings {
      if (games < 1 || threads < 1 || playNodes < 1 || labelDepth < 1) {
        throw new IllegalArgumentException("games, threads, play nodes and label depth must all be >= 1, got "
            + games + ", " + threads + ", " + playNodes + ", " + labelDepth);
      }
      if (playNodesTop < playNodes) {
        throw new IllegalArgumentException("the strongest level's play nodes (" + playNodesTop
            + ") must be at least the weakest level's (" + playNodes + ")");
      }
    }

    /** Every level searching the same number of nodes, weakened by UCI_LimitStrength. */
    public Settings(int games, int threads, long seed, long playNodes, int labelDepth) {
      this(games, threads, seed, playNodes, playNodes, labelDepth, false);
    }

    /** Nodes a move for a player of this Elo: geometric in its level from playNodes to playNodesTop. */
    public long nodesFor(int elo) {
      return EloLevels.playNodes(elo, playNodes, playNodesTop);
    }
  }

  private GameGenerator() {}

  /** Plays the games and writes them to {@code out}; returns the number of positions. */
  public static long generate(Settings s, Path out) throws IOException, InterruptedException {
    SplittableRandom random = new SplittableRandom(s.seed());
    int[][] players = new int[s.games()][2];
    long[] seeds = new long[s.games()];
    for (int g = 0; g < s.games(); g++) {
      players[g][0] = EloLevels.elo(random.nextInt(EloLevels.COUNT));
      players[g][1] = EloLevels.elo(random.nextInt(EloLevels.COUNT));
      seeds[g] = random.nextLong();
    }
    ProgressBar bar = new ProgressBar("chess games", s.games());
    AtomicLong done = new AtomicLong();
    AtomicLong positions = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(s.threads());
    try (Stockfish stockfish = Stockfish.start(s.threads())) {
      GamePlayer.MoveChooser chooser = s.fullStrength()
          ? (fen, elo) -> stockfish.best(fen, SearchLimit.nodes(s.nodesFor(elo)))
          : (fen, elo) -> stockfish.play(fen, elo, SearchLimit.nodes(s.nodesFor(elo)));
      GamePlayer player = new GamePlayer(stockfish, chooser, s.labelDepth());
      List<Future<List<PositionRecord>>> games = new ArrayList<>();
      for (int g = 0; g < s.games(); g++) {
        int game = g;
        games.add(pool.submit(() -> {
          List<PositionRecord> r = player.play(game, seeds[game], players[game][0], players[game][1]);
          synchronized (bar) {
            bar.update(done.incrementAndGet(), positions.addAndGet(r.size()) + " positions");
          }
          return r;
        }));
      }
      Files.createDirectories(out.toAbsolutePath().getParent());
      Path partial = out.resolveSibling(out.getFileName() + ".partial");
      try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
          Files.newOutputStream(partial)), StandardCharsets.UTF_8))) {
        w.write("# kibitz chess games: " + s + ", Elo levels " + levels() + "\n");
        w.write(String.join("\t", PositionRecord.COLUMNS) + "\n");
        for (Future<List<PositionRecord>> f : games) {
          for (PositionRecord r : f.get()) {
            w.write(r.toTsv());
            w.write('\n');
          }
        }
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IOException("a game failed: " + e.getCause().getMessage(), e.getCause());
      }
      Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      pool.shutdownNow();
    }
    return positions.get();
  }

  private static List<Integer> levels() {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < EloLevels.COUNT; i++) {
      l.add(EloLevels.elo(i));
    }
    return l;
  }
}

package dev.kibitz.games.chess.data;

import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.engine.SearchLimit;
import dev.kibitz.games.chess.engine.Stockfish;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * What every level would have played in positions of the full-strength games: a level is Stockfish at
 * its node budget, searching from the FEN after {@code ucinewgame}, so its move is a function of the
 * position and can be asked again. Game data shows each position under one mover's Elo; these labels
 * show the same position under all of them, which is the contrast the Elo conditioning has to learn.
 * Training labels come from training games only, so held-out evaluation is untouched; held-out games
 * can be relabelled separately, to measure every level on the same positions. The mover's own level
 * is asked too and must reproduce the move played: the {@link Outcome} counts it, a check that the
 * replay is faithful.
 */
public final class CounterfactualMoves {
  /** One counterfactual label: in this position (from game data), the player at {@code moverElo} plays {@code move}. */
  public record Label(String shard, int game, int ply, String fen, int moverElo, int opponentElo, Move move,
      int playedElo) {
    public static final List<String> COLUMNS = List.of("shard", "game", "ply", "fen", "mover_elo", "opponent_elo",
        "move", "played_elo");

    String toTsv() {
      return String.join("\t", shard, String.valueOf(game), String.valueOf(ply), fen, String.valueOf(moverElo),
          String.valueOf(opponentElo), move.uci(), String.valueOf(playedElo));
    }

    /** Parses a line written by {@link #toTsv}; a malformed one is named with its problem. */
    public static Label parse(String line) {
      String[] f = line.split("\t", -1);
      if (f.length != COLUMNS.size()) {
        throw new IllegalArgumentException("a counterfactual line has " + COLUMNS.size() + " tab-separated fields, got "
            + f.length + ": " + line);
      }
      try {
        return new Label(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3], Integer.parseInt(f[4]),
            Integer.parseInt(f[5]), Move.parseUci(f[6]), Integer.parseInt(f[7]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad number in counterfactual line: " + line, e);
      }
    }
  }

  /** Every label in the {@code *.tsv.gz} files under {@code dir}, files in name order. */
  public static List<Label> read(Path dir) throws IOException {
    List<Label> out = new ArrayList<>();
    for (Path file : TsvShards.list(dir)) {
      for (String line : TsvShards.rows(file, Label.COLUMNS)) {
        out.add(Label.parse(line));
      }
    }
    return out;
  }

  /**
   * Which positions to relabel: {@code positions} drawn without replacement by {@code seed} from the training games,
   * or from the held-out games when {@code heldOut} (for evaluation only).
   */
  public record Settings(int positions, int threads, long seed, long playNodes, long playNodesTop, boolean heldOut) {
    public Settings {
      if (positions < 1 || threads < 1 || playNodes < 1 || playNodesTop < playNodes) {
        throw new IllegalArgumentException("positions, threads and play nodes must be >= 1 and the top level's nodes "
            + ">= the weakest's, got " + positions + ", " + threads + ", " + playNodes + ", " + playNodesTop);
      }
    }

    long nodesFor(int elo) {
      return EloLevels.playNodes(elo, playNodes, playNodesTop); // as GameGenerator played the games
    }
  }

  /** How many labels were written and how many of the movers' own levels reproduced the move played. */
  public record Outcome(long labels, long ownLevelAsked, long ownLevelReproduced) {}

  private record Source(String shard, PositionRecord record) {}

  private CounterfactualMoves() {}

  /** Relabels positions of the {@code *.tsv.gz} shards under {@code dataDir} at every level; writes {@code out}. */
  public static Outcome label(Path dataDir, Settings s, Path out) throws IOException, InterruptedException {
    List<Source> chosen = choose(positions(dataDir, s.heldOut()), s.positions(), s.seed());
    ProgressBar bar = new ProgressBar("counterfactual moves", chosen.size());
    AtomicLong done = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(s.threads());
    long asked = 0;
    long reproduced = 0;
    long labels = 0;
    try (Stockfish stockfish = Stockfish.start(s.threads())) {
      List<Future<List<Label>>> work = new ArrayList<>();
      for (Source src : chosen) {
        work.add(pool.submit(() -> {
          PositionRecord r = src.record();
          List<Label> l = new ArrayList<>(EloLevels.COUNT);
          for (int level = 0; level < EloLevels.COUNT; level++) {
            int elo = EloLevels.elo(level);
            Move m = stockfish.best(r.fen(), SearchLimit.nodes(s.nodesFor(elo)));
            l.add(new Label(src.shard(), r.game(), r.ply(), r.fen(), elo, r.opponentElo(), m, r.moverElo()));
          }
          synchronized (bar) {
            bar.update(done.incrementAndGet());
          }
          return l;
        }));
      }
      Files.createDirectories(out.toAbsolutePath().getParent());
      Path partial = out.resolveSibling(out.getFileName() + ".partial");
      try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
          Files.newOutputStream(partial)), StandardCharsets.UTF_8))) {
        w.write("# kibitz counterfactual chess moves: " + s + " from " + dataDir.getFileName() + "\n");
        w.write(String.join("\t", Label.COLUMNS) + "\n");
        for (int i = 0; i < work.size(); i++) {
          Move played = chosen.get(i).record().played();
          for (Label l : work.get(i).get()) {
            if (l.moverElo() == l.playedElo()) {
              asked++;
              reproduced += l.move().equals(played) ? 1 : 0;
            }
            w.write(l.toTsv());
            w.write('\n');
            labels++;
          }
        }
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IOException("a relabelling search failed: " + e.getCause().getMessage(), e.getCause());
      }
      Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      pool.shutdownNow();
    }
    return new Outcome(labels, asked, reproduced);
  }

  /** Every position of the shards' training games (or of their held-out games), shards in name order. */
  static List<Source> positions(Path dataDir, boolean heldOut) throws IOException {
    List<Source> out = new ArrayList<>();
    for (Path shard : TsvShards.list(dataDir)) {
      for (String line : TsvShards.rows(shard, PositionRecord.COLUMNS)) {
        PositionRecord p = PositionRecord.parse(line);
        if (PositionRecord.isHeldOutGame(p.game()) == heldOut) {
          out.add(new Source(shard.getFileName().toString(), p));
        }
      }
    }
    return out;
  }

  /** {@code n} of {@code all} without replacement (a seeded partial shuffle), kept in data order. */
  static <T> List<T> choose(List<T> all, int n, long seed) {
    if (n > all.size()) {
      throw new IllegalArgumentException("asked for " + n + " positions, the games hold " + all.size());
    }
    int[] index = java.util.stream.IntStream.range(0, all.size()).toArray();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(index.length - i);
      int t = index[i];
      index[i] = index[j];
      index[j] = t;
    }
    int[] picked = java.util.Arrays.copyOf(index, n);
    java.util.Arrays.sort(picked);
    List<T> out = new ArrayList<>(n);
    for (int i : picked) {
      out.add(all.get(i));
    }
    return out;
  }
}

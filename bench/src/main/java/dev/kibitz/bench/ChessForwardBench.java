package dev.kibitz.bench;

import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.data.EloLevels;
import dev.kibitz.games.zoo.ZooModels;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.proto.v1.ChessState;
import dev.kibitz.proto.v1.ForwardBatch;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ForwardRequest;
import dev.kibitz.proto.v1.GameState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chess positions through the model server over real gRPC on loopback, sent as FEN + Elo game
 * states (the server encodes them): plain forward vs the same forward capturing every residual
 * block's output, and vs capturing every hook point. One stream per variant, rounds interleaved.
 */
public final class ChessForwardBench implements Bench {
  private static final int BATCH = 256;
  private static final int BATCHES_PER_ROUND = 4;
  private static final int ROUNDS = 7;

  @Override
  public String name() {
    return "chess-forward";
  }

  @Override
  public String description() {
    return "model-server chess forward (FEN + Elo states, batch 256): plain vs captures at every block / every hook";
  }

  @Override
  public Map<String, Object> run() throws Exception {
    Map<String, Object> f = Bench.figures();
    ForwardBatch batch = positions(BATCH, 11);
    try (LoopbackModelServer server = LoopbackModelServer.start()) {
      var description = server.client().describe(ZooModels.CHESS_POLICY);
      List<String> blocks = description.getHookPointsList().stream().map(h -> h.getName())
          .filter(n -> n.matches("blocks\\.\\d+\\.resid_out")).toList();
      List<String> every = description.getHookPointsList().stream().map(h -> h.getName()).toList();
      List<List<String>> variants = List.of(List.of(), blocks, every);
      List<ForwardStream> streams = new ArrayList<>();
      for (List<String> captures : variants) {
        streams.add(server.client().openForward(ForwardOpen.newBuilder().setModel(ZooModels.CHESS_POLICY)
            .addAllCapture(captures).build()));
      }
      try {
        long[][] t = new long[variants.size()][ROUNDS];
        for (ForwardStream s : streams) {
          round(s, batch, 2);
        }
        ProgressBar bar = new ProgressBar("chess-forward", ROUNDS);
        for (int r = 0; r < ROUNDS; r++) {
          for (int v = 0; v < variants.size(); v++) {
            t[v][r] = round(streams.get(v), batch, BATCHES_PER_ROUND);
          }
          bar.update(r + 1);
        }
        double positions = (double) BATCH * BATCHES_PER_ROUND;
        String[] names = {"plain", "capture_blocks", "capture_all"};
        double plain = Bench.median(t[0]);
        f.put("model", ZooModels.CHESS_POLICY);
        f.put("checkpoint", description.getSummary().getDefaultCheckpoint());
        f.put("batch", BATCH);
        f.put("block_hooks", blocks.size());
        f.put("all_hooks", every.size());
        for (int v = 0; v < variants.size(); v++) {
          double median = Bench.median(t[v]);
          f.put(names[v] + "_positions_s", Bench.round(positions / (median / 1e9), 1));
          if (v > 0) {
            f.put("ratio_" + names[v] + "_vs_plain", Bench.round(median / plain, 3));
          }
        }
        f.put("goal_ratio_capture_blocks", 1.25);
      } finally {
        streams.forEach(ForwardStream::close);
      }
    }
    return f;
  }

  /** Wall nanoseconds for {@code n} batches sent and received one after another. */
  private static long round(ForwardStream stream, ForwardBatch batch, int n) {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      stream.send(ForwardRequest.newBuilder().setBatch(batch).build());
      stream.receive();
    }
    return System.nanoTime() - start;
  }

  /** Positions from seeded random games (plies 0..59), each with random Elo levels for both sides. */
  static ForwardBatch positions(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ForwardBatch.Builder b = ForwardBatch.newBuilder();
    Position p = Position.start();
    int ply = 0;
    while (b.getStatesCount() < n) {
      List<Move> moves = p.legalMoves();
      if (moves.isEmpty() || ply == 60) {
        p = Position.start();
        ply = 0;
        continue;
      }
      b.addStates(GameState.newBuilder().setChess(ChessState.newBuilder().setFen(p.toFen())
          .setMoverElo(EloLevels.elo(random.nextInt(EloLevels.COUNT)))
          .setOpponentElo(EloLevels.elo(random.nextInt(EloLevels.COUNT)))));
      p = p.play(moves.get(random.nextInt(moves.size())));
      ply++;
    }
    return b.build();
  }
}

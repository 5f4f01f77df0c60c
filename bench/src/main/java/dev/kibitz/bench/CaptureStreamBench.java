package dev.kibitz.bench;

import dev.kibitz.core.progress.ProgressBar;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.games.zoo.ZooModels;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.forward.BatchResult;
import dev.kibitz.proto.v1.ForwardOpen;
import dev.kibitz.proto.v1.ModelDescription;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Captured-activation throughput: every hook of the served model captured and streamed over real
 * gRPC on loopback (1 MiB parts) into the client's buffers, vs a plain loopback TCP socket moving
 * the same number of bytes in 1 MiB writes. Rounds interleave the two.
 */
public final class CaptureStreamBench implements Bench {
  private static final int ROUNDS = 5;
  private static final int BATCHES = 6;
  private static final int BATCH = 128;
  private static final int CHUNK = 1 << 20;

  @Override
  public String name() {
    return "capture-stream";
  }

  @Override
  public String description() {
    return "captures of every hook streamed over gRPC into client buffers vs plain loopback TCP, same bytes";
  }

  @Override
  public Map<String, Object> run() throws Exception {
    Map<String, Object> f = Bench.figures();
    try (LoopbackModelServer server = LoopbackModelServer.start()) {
      ModelDescription d = server.client().describe(ZooModels.RESCONV_POLICY);
      ForwardOpen.Builder open = ForwardOpen.newBuilder().setModel(ZooModels.RESCONV_POLICY).setMaxChunkBytes(CHUNK);
      d.getHookPointsList().forEach(h -> open.addCapture(h.getName()));
      HostTensor obs = ForwardHooksBench.randomObs(ShippedAgent.observationSpec(), BATCH);
      long[] grpcWall = new long[ROUNDS];
      long[] grpcStream = new long[ROUNDS];
      long[] tcpWall = new long[ROUNDS];
      long bytesPerRound = 0;
      try (ForwardStream stream = server.client().openForward(open.build())) {
        grpcRound(stream, obs, 2);
        ProgressBar bar = new ProgressBar("capture-stream", ROUNDS);
        for (int r = 0; r < ROUNDS; r++) {
          long[] res = grpcRound(stream, obs, BATCHES);
          grpcWall[r] = res[0];
          grpcStream[r] = res[0] - res[1];
          bytesPerRound = res[2];
          tcpWall[r] = tcpRound(bytesPerRound);
          bar.update(r + 1);
        }
      }
      double mb = bytesPerRound / 1e6;
      double grpcE2e = mb / (Bench.median(grpcWall) / 1e9);
      double grpcStreamRate = mb / (Bench.median(grpcStream) / 1e9);
      double tcp = mb / (Bench.median(tcpWall) / 1e9);
      f.put("batch", BATCH);
      f.put("hooks_captured", d.getHookPointsCount());
      f.put("capture_mb_per_batch", Bench.round(mb / BATCHES, 2));
      f.put("part_bytes", CHUNK);
      f.put("grpc_stream_mb_s", Bench.round(grpcStreamRate, 1));
      f.put("grpc_end_to_end_mb_s", Bench.round(grpcE2e, 1));
      f.put("tcp_mb_s", Bench.round(tcp, 1));
      f.put("ratio_stream_vs_tcp", Bench.round(grpcStreamRate / tcp, 3));
      f.put("ratio_end_to_end_vs_tcp", Bench.round(grpcE2e / tcp, 3));
      f.put("goal_ratio", 0.5);
    }
    return f;
  }

  /** Sends {@code n} batches from one thread while receiving on this one: {wall ns, forward ns, bytes}. */
  private static long[] grpcRound(ForwardStream stream, HostTensor obs, int n) throws Exception {
    long start = System.nanoTime();
    CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < n; i++) {
        stream.send(Map.of("obs", obs));
      }
    });
    long forward = 0;
    long bytes = 0;
    for (int i = 0; i < n; i++) {
      BatchResult reply = stream.receive();
      forward += reply.forwardNanos();
      for (HostTensor t : reply.captures().values()) {
        bytes += t.byteSize();
      }
    }
    sender.get();
    return new long[] {System.nanoTime() - start, forward, bytes};
  }

  /** Moves {@code bytes} over a loopback socket in 1 MiB writes into a reader's buffer; wall ns. */
  private static long tcpRound(long bytes) throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try (SocketChannel out = SocketChannel.open(server.getLocalAddress())) {
          ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
          long left = bytes;
          while (left > 0) {
            chunk.clear().limit((int) Math.min(CHUNK, left));
            while (chunk.hasRemaining()) {
              left -= out.write(chunk);
            }
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      long start = System.nanoTime();
      try (SocketChannel in = server.accept()) {
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        long got = 0;
        while (got < bytes) {
          buf.clear();
          int r = in.read(buf);
          if (r < 0) {
            break;
          }
          got += r;
        }
      }
      writer.get();
      return System.nanoTime() - start;
    }
  }
}

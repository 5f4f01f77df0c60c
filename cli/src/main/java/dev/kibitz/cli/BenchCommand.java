package dev.kibitz.cli;

import com.google.gson.Gson;
import dev.kibitz.bench.Bench;
import dev.kibitz.bench.Benches;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kibitz bench NAME}: runs a benchmark runner; the last line printed is its JSON figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run a benchmark (ratios against a baseline measured in the same run); ends with one JSON line.%n"
        + "Benchmarks: forward-hooks, capture-stream, maze-field, store-shard, store-kafka-latency,%n"
        + "  sae-step, sae-steady, sae-service, steer-cheese-vector, chess-concepts, torchscript-forward, chess-forward,"
        + " experiment-mesh-overhead")
final class BenchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "forward-hooks | capture-stream | maze-field | store-shard | "
      + "store-kafka-latency | sae-step | sae-steady | sae-service | steer-cheese-vector | chess-concepts | "
      + "torchscript-forward | chess-forward | experiment-mesh-overhead")
  String name;

  @Override
  public Integer call() throws Exception {
    Bench bench = Benches.byName(name).orElseThrow(() -> new IllegalArgumentException("no benchmark named '" + name
        + "' (known: " + Benches.all().stream().map(Bench::name).toList() + ")"));
    System.err.println(bench.name() + ": " + bench.description());
    Map<String, Object> figures = bench.run();
    figures.put("bench", bench.name());
    System.out.println(new Gson().toJson(figures));
    return 0;
  }
}

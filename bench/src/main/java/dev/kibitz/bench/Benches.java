package dev.kibitz.bench;

import java.util.List;
import java.util.Optional;

/** The benchmark runners, by name. */
public final class Benches {
  private Benches() {}

  public static List<Bench> all() {
    return List.of(new ForwardHooksBench(), new CaptureStreamBench(), new MazeFieldBench(), new StoreShardBench(),
        new StoreKafkaLatencyBench(), new SaeStepBench(), new SaeSteadyBench(), new ServerSteadyBench(),
        new SaeServiceBench(),
        new SteerCheeseVectorBench(), new ChessConceptsBench(), new TorchScriptForwardBench(), new ChessForwardBench(),
        new ExperimentMeshOverheadBench());
  }

  public static Optional<Bench> byName(String name) {
    return all().stream().filter(b -> b.name().equals(name)).findFirst();
  }
}

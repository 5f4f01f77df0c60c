package dev.kibitz.cli;

import dev.kibitz.orchestrator.grpc.RunProtos;
import dev.kibitz.orchestrator.state.JdbcRunStore;
import dev.kibitz.proto.v1.ListRunsRequest;
import dev.kibitz.proto.v1.OrchestratorServiceGrpc;
import dev.kibitz.proto.v1.RunRequest;
import dev.kibitz.proto.v1.RunStatus;
import dev.kibitz.proto.v1.StepStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kibitz status [RUN]}: recent runs, or one run's steps, from a running orchestrator
 * ({@code --target}) or from the run-state database that {@code kibitz run} left in its work dir.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "List recent experiment runs, or show one run's steps, from an orchestrator or a work dir.")
final class StatusCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "a run id (default: list runs)")
  String runId;

  @Option(names = "--target", paramLabel = "HOST:PORT", description = "a running orchestrator (serve orchestrator)")
  String target;

  @Option(names = "--work-dir", defaultValue = "kibitz-work",
      description = "where kibitz run kept its run state, when no --target (default: ${DEFAULT-VALUE})")
  Path workDir;

  @Option(names = "--limit", defaultValue = "20", description = "runs listed (default: ${DEFAULT-VALUE})")
  int limit;

  @Override
  public Integer call() throws Exception {
    List<RunStatus> runs;
    if (target != null) {
      Target t = new Target();
      t.target = target;
      ManagedChannel channel = ManagedChannelBuilder.forAddress(t.host(), t.port()).usePlaintext().build();
      try {
        var api = OrchestratorServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        runs = runId == null ? api.listRuns(ListRunsRequest.newBuilder().setLimit(limit).build()).getRunsList()
            : List.of(api.getRun(RunRequest.newBuilder().setRunId(runId).build()));
      } finally {
        channel.shutdownNow();
      }
    } else {
      if (!Files.exists(workDir.resolve("orchestrator.mv.db"))) {
        throw new IllegalArgumentException("no run state in " + workDir + " (run kibitz run first, or give --target)");
      }
      try (JdbcRunStore store = JdbcRunStore.embedded(workDir)) {
        if (runId == null) {
          runs = store.runs(limit).stream().map(RunProtos::toProto).toList();
        } else {
          runs = List.of(RunProtos.toProto(store.run(runId).orElseThrow(() ->
              new IllegalArgumentException("no run '" + runId + "' in " + workDir))));
        }
      }
    }
    if (runId == null) {
      System.out.printf("%-48s %-10s %-6s %s%n", "RUN", "PHASE", "STEPS", "REPORT");
      for (RunStatus r : runs) {
        long done = r.getStepsList().stream().filter(s -> s.getPhase().name().endsWith("SUCCEEDED")
            || s.getPhase().name().endsWith("CACHED")).count();
        System.out.printf("%-48s %-10s %-6s %s%n", r.getRunId(), phase(r.getPhase().name()),
            done + "/" + r.getStepsCount(), r.getReport());
      }
      return 0;
    }
    RunStatus r = runs.get(0);
    System.out.println(r.getRunId() + " (" + r.getExperiment() + "): " + phase(r.getPhase().name())
        + (r.getMessage().isEmpty() ? "" : " - " + r.getMessage()));
    for (StepStatus s : r.getStepsList()) {
      String took = s.getStartedUnixMillis() > 0 && s.getFinishedUnixMillis() > 0
          ? String.format("%.1f s", (s.getFinishedUnixMillis() - s.getStartedUnixMillis()) / 1e3) : "";
      System.out.printf("  %-20s %-10s %5.0f%% %9s  %s%n", s.getName(), phase(s.getPhase().name()),
          100 * s.getProgress(), took, s.getMessage());
    }
    if (!r.getReport().isEmpty()) {
      System.out.println("report: " + r.getReport());
    }
    System.out.println("started " + Instant.ofEpochMilli(r.getCreatedUnixMillis()));
    return 0;
  }

  /** RUN_PHASE_SUCCEEDED -> SUCCEEDED. */
  private static String phase(String enumName) {
    return enumName.replaceFirst("^(RUN|STEP)_PHASE_", "");
  }
}

package dev.kibitz.probe.service;

import dev.kibitz.probe.ProbeResult;
import dev.kibitz.probe.report.ProbeReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report across every probed dataset of one model checkpoint and input set: the datasets are its
 * hooks, so each concept's heatmap has a row per hook (in capture order: dataset creation time) and a
 * column per conditioning value. Rebuilt from the datasets' published {@code probes.json} files, never
 * from memory, so a restarted service produces the same report.
 */
final class CombinedReport {
  private CombinedReport() {}

  /** Whether the combined report of {@code d}'s group already includes it. */
  static boolean covers(ResultDirectory out, ProbedDataset d) throws IOException {
    return out.covered(out.combinedDir(d)).contains(d.name());
  }

  /** Rewrites the combined report of {@code d}'s group; returns its folder. */
  static Path regenerate(ResultDirectory out, ProbedDataset d) throws IOException {
    List<ProbedDataset> members = out.datasets().stream().filter(d::sameGroup)
        .sorted(Comparator.comparingLong(ProbedDataset::createdUnixMillis).thenComparing(ProbedDataset::name))
        .toList();
    List<ProbeResult> results = new ArrayList<>();
    for (ProbedDataset m : members) {
      results.addAll(ProbeReport.read(out.datasetDir(m.name()).resolve(ProbeReport.JSON)));
    }
    Path dir = out.combinedDir(d);
    AtomicDirectory.replace(dir, tmp -> {
      ProbeReport.write(tmp, results);
      ResultDirectory.writeCovered(tmp, members.stream().map(ProbedDataset::name).toList());
    });
    return dir;
  }
}

package dev.kibitz.probe.service;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The service's output folder. Per dataset, {@code <root>/<dataset name>/}: {@value #DATASET_JSON}, the
 * {@link dev.kibitz.probe.report.ProbeReport} files and {@code probes/<concept>.<conditioning>.safetensors}.
 * Per model checkpoint and input set, {@code <root>/_combined/<model>/<checkpoint>/<input set>/}: the report
 * over all its probed datasets (hooks) and {@value #COVERED}, the dataset names it covers. Dataset names never
 * start with '_' or '.', so neither collides with a dataset's folder; names starting with '.' are staging.
 */
final class ResultDirectory {
  static final String DATASET_JSON = "dataset.json";
  static final String PROBES = "probes";
  static final String COMBINED = "_combined";
  static final String COVERED = "datasets.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private final Path root;

  ResultDirectory(Path root) throws IOException {
    this.root = Files.createDirectories(root);
  }

  Path root() {
    return root;
  }

  Path datasetDir(String name) {
    return root.resolve(name);
  }

  /** The combined report's folder; key parts are made file-name-safe ('/' and the like become '_'). */
  Path combinedDir(ProbedDataset d) {
    return root.resolve(COMBINED).resolve(segment(d.model())).resolve(segment(d.checkpoint()))
        .resolve(segment(d.inputSet()));
  }

  /** The dataset.json of every published dataset folder, in folder-name order. */
  List<ProbedDataset> datasets() throws IOException {
    List<ProbedDataset> out = new ArrayList<>();
    List<Path> dirs;
    try (Stream<Path> s = Files.list(root)) {
      dirs = s.filter(p -> !p.getFileName().toString().startsWith(".")
          && !p.getFileName().toString().startsWith("_") && Files.isRegularFile(p.resolve(DATASET_JSON))).sorted()
          .toList();
    }
    for (Path d : dirs) {
      out.add(readDataset(d));
    }
    return out;
  }

  ProbedDataset readDataset(Path dir) throws IOException {
    try {
      return GSON.fromJson(Files.readString(dir.resolve(DATASET_JSON), StandardCharsets.UTF_8), ProbedDataset.class);
    } catch (RuntimeException e) {
      throw new IOException(dir.resolve(DATASET_JSON) + " is not a probed dataset summary: " + e.getMessage(), e);
    }
  }

  static void writeDataset(Path dir, ProbedDataset d) throws IOException {
    Files.writeString(dir.resolve(DATASET_JSON), GSON.toJson(d) + "\n", StandardCharsets.UTF_8);
  }

  /** The dataset names a combined report covers; empty if it was never (fully) written. */
  List<String> covered(Path combinedDir) throws IOException {
    Path f = combinedDir.resolve(COVERED);
    if (!Files.isRegularFile(f)) {
      return List.of();
    }
    return GSON.fromJson(Files.readString(f, StandardCharsets.UTF_8), new TypeToken<List<String>>() {}.getType());
  }

  static void writeCovered(Path dir, List<String> names) throws IOException {
    Files.writeString(dir.resolve(COVERED), GSON.toJson(names) + "\n", StandardCharsets.UTF_8);
  }

  /** A file-name-safe path segment: letters, digits, '.', '-' and '_' kept, the rest '_'; never "." or "..". */
  static String segment(String s) {
    String safe = s.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
  }
}

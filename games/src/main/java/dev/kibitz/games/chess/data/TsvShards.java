package dev.kibitz.games.chess.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The chess data's files: gzipped TSV, {@code #} comment lines, one header line of column names, then rows. */
public final class TsvShards {
  private TsvShards() {}

  /** The {@code *.tsv.gz} files directly under {@code dir}, in name order; none is an error naming the folder. */
  public static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no such folder: " + dir);
    }
    List<Path> shards;
    try (Stream<Path> s = Files.list(dir)) {
      shards = s.filter(p -> p.getFileName().toString().endsWith(".tsv.gz")).sorted().toList();
    }
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("no *.tsv.gz files in " + dir);
    }
    return shards;
  }

  /** The data lines of {@code file}: without comments and without the header of these {@code columns}. */
  public static List<String> rows(Path file, List<String> columns) throws IOException {
    String header = String.join("\t", columns);
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("#") && !line.equals(header)) {
          out.add(line);
        }
      }
    }
    return out;
  }
}

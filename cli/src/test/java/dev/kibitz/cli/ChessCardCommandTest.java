package dev.kibitz.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.games.chess.data.PositionRecord;
import dev.kibitz.games.chess.data.TsvShards;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A two-step training run on a small shard, measured by `chess card` and shipped, end to end. */
class ChessCardCommandTest {
  @TempDir
  static Path dir;
  static int heldOutLines;

  /** The first 11 games of the first shipped shard (games 0 and 10 are held out). */
  @BeforeAll
  static void smallShard() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Files.newInputStream(Path.of("..", "data", "chess", "games-seed-11.tsv.gz"))), StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(
            dir.resolve("data").resolve("small.tsv.gz"))), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.startsWith("#") && !line.startsWith("game\t")) {
          int game = Integer.parseInt(line.substring(0, line.indexOf('\t')));
          if (game > 10) {
            break;
          }
          heldOutLines += game % 10 == 0 ? 1 : 0;
        }
        out.write(line + "\n");
      }
    }
  }

  private static int run(String... args) {
    return KibitzCli.commandLine().execute(args);
  }

  /** `chess train` on the small shard for {@code steps} steps of 8, a checkpoint every step; the run's folder. */
  private static Path trainTiny(String name, int steps) {
    Path ckpt = dir.resolve(name);
    assertEquals(0, run("chess", "train", "--data", dir.resolve("data").toString(), "--steps", Integer.toString(steps),
        "--batch", "8", "--checkpoint-every", "1", "--out", ckpt.toString()));
    return ckpt;
  }

  @Test
  void cardMeasuresEveryCheckpointAndShipsTheChosenOnes() throws Exception {
    Path data = dir.resolve("data");
    Path ckpt = trainTiny("run", 2);
    assertEquals(2, run("chess", "card", "--checkpoints", ckpt.toString(), "--data", data.toString(), "--out",
        dir.resolve("x").toString(), "--ship-to", dir.resolve("y").toString(), "--ship", "5"));
    Path card = dir.resolve("card");
    Path ship = dir.resolve("ship");
    assertEquals(0, run("chess", "card", "--checkpoints", ckpt.toString(), "--data", data.toString(), "--out",
        card.toString(), "--ship-to", ship.toString(), "--ship", "1,2"));

    JsonObject report = JsonParser.parseString(Files.readString(card.resolve("report.json"))).getAsJsonObject();
    assertTrue(heldOutLines > 100, "held-out lines " + heldOutLines);
    assertEquals(heldOutLines, report.get("held_out_positions").getAsInt());
    assertEquals(2, report.get("last_step").getAsInt());
    int positions = 0;
    for (JsonElement b : report.getAsJsonArray("by_true_elo")) {
      positions += b.getAsJsonObject().get("positions").getAsInt();
      assertEquals(8, b.getAsJsonObject().getAsJsonArray("move_match_by_conditioning").size());
    }
    assertEquals(heldOutLines, positions);
    assertEquals(8, report.getAsJsonArray("stockfish_agreement").size());
    for (String figure : List.of("maia-matrix.png", "maia-matrix-centred.png", "move-match-by-elo.png",
        "stockfish-agreement.png", "training-curve.png", "report.md")) {
      assertTrue(Files.size(card.resolve(figure)) > 0, figure);
    }

    assertTrue(Files.exists(ship.resolve("step-000001.safetensors")));
    assertTrue(Files.exists(ship.resolve("step-000002.safetensors")));
    assertTrue(!Files.exists(ship.resolve("step-000000.safetensors")));
    JsonArray log = JsonParser.parseString(Files.readString(ship.resolve("training-log.json"))).getAsJsonArray();
    assertEquals(List.of(0, 1, 2), log.asList().stream().map(e -> e.getAsJsonObject().get("step").getAsInt()).toList());
    assertEquals(List.of(false, true, true),
        log.asList().stream().map(e -> e.getAsJsonObject().get("shipped").getAsBoolean()).toList());
    assertArrayEquals(Files.readAllBytes(ckpt.resolve("step-000002.safetensors")),
        Files.readAllBytes(ship.resolve("step-000002.safetensors")));
  }

  @Test
  void samePositionsGiveEveryColumnTheSamePositions() throws Exception {
    Path data = dir.resolve("data");
    Path ckpt = trainTiny("same-run", 1);
    // Three held-out positions (game 0), each labelled at every level with the move played: the columns then hold
    // the same positions and the same targets, so every column of the matrix must be identical.
    Path same = Files.createDirectories(dir.resolve("same"));
    Path training = Files.createDirectories(dir.resolve("same-training"));
    List<String[]> game0 = TsvShards.rows(data.resolve("small.tsv.gz"), PositionRecord.COLUMNS).stream()
        .filter(line -> line.startsWith("0\t")).limit(3).map(line -> line.split("\t")).toList();
    writeLabels(same.resolve("h.tsv.gz"), game0, "0");
    writeLabels(training.resolve("t.tsv.gz"), game0, "7");
    Path card = dir.resolve("same-card");
    assertEquals(0, run("chess", "card", "--checkpoints", ckpt.toString(), "--data", data.toString(), "--out",
        card.toString(), "--same-positions", same.toString()));
    JsonObject sp = JsonParser.parseString(Files.readString(card.resolve("report.json"))).getAsJsonObject()
        .getAsJsonObject("same_positions_every_level");
    assertEquals(3, sp.get("positions").getAsInt());
    JsonArray mm = sp.getAsJsonArray("move_match_conditioned_by_level");
    assertEquals(8, mm.size());
    for (JsonElement row : mm) {
      JsonArray r = row.getAsJsonArray();
      assertEquals(8, r.size());
      for (JsonElement cell : r) {
        assertEquals(r.get(0).getAsDouble(), cell.getAsDouble(), 0.0, "a row differs across columns: " + r);
      }
    }
    assertTrue(Files.size(card.resolve("maia-same-positions-centred.png")) > 0);
    assertTrue(Files.readString(card.resolve("report.md")).contains("## Same positions, every level's move"));
    // labels from a training game cannot measure held-out behaviour: refused, nothing written
    assertEquals(1, run("chess", "card", "--checkpoints", ckpt.toString(), "--data", data.toString(), "--out",
        dir.resolve("refused").toString(), "--same-positions", training.toString()));
    assertTrue(!Files.exists(dir.resolve("refused").resolve("report.json")));
    // --in-sample takes training-game labels (a capacity check) and refuses held-out ones
    Path inSample = dir.resolve("in-sample-card");
    assertEquals(0, run("chess", "card", "--checkpoints", ckpt.toString(), "--data", data.toString(), "--out",
        inSample.toString(), "--same-positions", training.toString(), "--in-sample"));
    JsonObject in = JsonParser.parseString(Files.readString(inSample.resolve("report.json"))).getAsJsonObject()
        .getAsJsonObject("same_positions_every_level");
    assertTrue(in.get("in_sample").getAsBoolean());
    assertEquals(sp.getAsJsonArray("move_match_conditioned_by_level"), in.getAsJsonArray("move_match_conditioned_by_level"),
        "the same positions and targets under another game number give the same matrix");
    assertTrue(Files.readString(inSample.resolve("report.md")).contains("## Same positions, every level's move (in-sample)"));
    assertEquals(1, run("chess", "card", "--checkpoints", ckpt.toString(), "--data", data.toString(), "--out",
        dir.resolve("refused-in-sample").toString(), "--same-positions", same.toString(), "--in-sample"));
    assertTrue(!Files.exists(dir.resolve("refused-in-sample").resolve("report.json")));
    assertTrue(!sp.get("in_sample").getAsBoolean());
  }

  /** `chess relabel` lines for these game-shard rows, every level playing the recorded move, as game {@code game}. */
  private static void writeLabels(Path file, List<String[]> rows, String game) throws Exception {
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
      w.write("shard\tgame\tply\tfen\tmover_elo\topponent_elo\tmove\tplayed_elo\n");
      for (String[] f : rows) {
        for (int level = 0; level < 8; level++) {
          int elo = dev.kibitz.games.chess.data.EloLevels.elo(level);
          w.write(String.join("\t", "small.tsv.gz", game, f[1], f[2], Integer.toString(elo), f[5], f[3], f[4]) + "\n");
        }
      }
    }
  }

  @Test
  void aFolderWithoutCheckpointsExitsTwo() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(2, run("chess", "card", "--checkpoints", empty.toString(), "--data", dir.resolve("data").toString()));
  }
}

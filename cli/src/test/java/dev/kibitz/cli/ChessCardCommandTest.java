package dev.kibitz.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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

  @Test
  void cardMeasuresEveryCheckpointAndShipsTheChosenOnes() throws Exception {
    Path data = dir.resolve("data");
    Path ckpt = dir.resolve("run");
    assertEquals(0, run("chess", "train", "--data", data.toString(), "--steps", "2", "--batch", "8",
        "--checkpoint-every", "1", "--out", ckpt.toString()));
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
  void aFolderWithoutCheckpointsExitsTwo() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(2, run("chess", "card", "--checkpoints", empty.toString(), "--data", dir.resolve("data").toString()));
  }
}

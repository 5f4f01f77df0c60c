package dev.kibitz.sae.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.kibitz.sae.arch.GatedSae;
import dev.kibitz.sae.arch.ReluL1Sae;
import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.arch.TopKSae;
import dev.kibitz.sae.synthetic.SyntheticFeatures;
import dev.kibitz.sae.train.SaeTrainingConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaeSweepTest {
  @Test
  void gridProducesOneRowPerPointAndTheTablePlotsAgree(@TempDir Path tmp) throws Exception {
    SyntheticFeatures.Spec spec = SyntheticFeatures.Spec.independent(8, 16, 0.1, 64, 5);
    SaeTrainingConfig base = new SaeTrainingConfig(new ReluL1Sae(1), 8, 32, 60, 64, 3e-3, 10, true, 2, 512, 2, 50,
        0, 0);
    List<SaeSweep.Family> families = List.of(new SaeSweep.Family(new ReluL1Sae(1), List.of(0.5, 4.0)),
        new SaeSweep.Family(new TopKSae(1, 4, 0.03), List.of(2.0)));
    SyntheticFeatures held = new SyntheticFeatures(spec);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    List<SweepRow> rows = SaeSweep.run(base, families, List.of(16, 32), () -> new SyntheticFeatures(spec),
        held.rows(1000, 4), held.directions(), tmp, new PrintStream(progress, true));

    assertEquals(6, rows.size());
    assertEquals(List.of(16, 16, 16, 32, 32, 32), rows.stream().map(SweepRow::width).toList());
    assertEquals(2.0, rows.get(2).architecture().sparsity());
    assertEquals(2.0, rows.get(2).metrics().meanL0(), 1e-9, "TopK k=2 fires exactly 2 features per row");
    assertTrue(rows.get(1).metrics().meanL0() < rows.get(0).metrics().meanL0(), "larger L1 must be sparser");
    JsonArray json = JsonParser.parseString(Files.readString(tmp.resolve("sweep.json"))).getAsJsonArray();
    assertEquals(6, json.size());
    assertEquals(rows.get(4).metrics().fvu(), json.get(4).getAsJsonObject().get("fvu").getAsDouble(), 0.0);
    assertEquals(2 + 6, Files.readAllLines(tmp.resolve("sweep.md")).size());
    String svg = Files.readString(tmp.resolve("pareto.svg"));
    assertEquals(6, svg.split("class=\"point\"", -1).length - 1);
    assertEquals(4, svg.split("<polyline", -1).length - 1, "one line per architecture and width");
    BufferedImage png = ImageIO.read(tmp.resolve("pareto.png").toFile());
    assertEquals(640, png.getWidth());
    assertEquals(420, png.getHeight());
    assertTrue(progress.toString().contains("360/360"), "progress reached the end: " + progress);
  }

  @Test
  void fvuAtL0InterpolatesBetweenTheBracketingPoints() {
    List<SweepRow> rows = List.of(row(new GatedSae(1), 2, 0.4), row(new GatedSae(2), 6, 0.2),
        row(new ReluL1Sae(1), 3, 0.5));
    assertEquals(0.3, SaeSweep.fvuAtL0(rows, SaeArchitecture.Kind.GATED, 8, 4), 1e-12);
    assertTrue(Double.isNaN(SaeSweep.fvuAtL0(rows, SaeArchitecture.Kind.GATED, 8, 7)));
    assertTrue(Double.isNaN(SaeSweep.fvuAtL0(rows, SaeArchitecture.Kind.RELU_L1, 8, 3)), "one point brackets nothing");
  }

  private static SweepRow row(SaeArchitecture a, double l0, double fvu) {
    return new SweepRow(a, 8, new dev.kibitz.sae.eval.SaeMetrics(10, 0, fvu, l0, 0, 0, new float[8], List.of()),
        Double.NaN, 0);
  }
}

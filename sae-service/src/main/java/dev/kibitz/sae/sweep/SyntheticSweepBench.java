package dev.kibitz.sae.sweep;

import dev.kibitz.sae.arch.GatedSae;
import dev.kibitz.sae.arch.ReluL1Sae;
import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.synthetic.SyntheticFeatures;
import dev.kibitz.sae.train.SaeTrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Gated vs ReLU-L1 on synthetic ground truth: sweeps the L1 coefficient of each, writes the table
 * and Pareto plot to the folder in args[0] (default sae-sweep) and prints FVU at matched L0.
 * Entry point for the CLI's bench command; also runnable with java -cp.
 */
public final class SyntheticSweepBench {
  private SyntheticSweepBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "sae-sweep");
    SyntheticFeatures.Spec spec = SyntheticFeatures.Spec.independent(32, 96, 3.0 / 96, 128, 7);
    SaeTrainingConfig base = new SaeTrainingConfig(new ReluL1Sae(1), 32, 256, 1500, 256, 1e-3, 100, false, 1, 4096,
        8, 200, 250, 0);
    List<SaeSweep.Family> families = List.of(
        new SaeSweep.Family(new ReluL1Sae(1), List.of(1.0, 2.0, 3.0, 5.0, 8.0)),
        new SaeSweep.Family(new GatedSae(1), List.of(2.0, 4.0, 8.0, 12.0, 16.0)));
    SyntheticFeatures held = new SyntheticFeatures(spec);
    List<SweepRow> rows = SaeSweep.run(base, families, List.of(256), () -> new SyntheticFeatures(spec),
        held.rows(1_000_000, 16), held.directions(), out, System.err);
    System.out.print(SaeSweep.markdown(rows));
    for (double l0 : new double[] {3, 4, 5, 6, 8}) {
      System.out.printf(Locale.ROOT, "L0 %.1f: FVU relu_l1 %.4f gated %.4f%n", l0,
          SaeSweep.fvuAtL0(rows, SaeArchitecture.Kind.RELU_L1, 256, l0),
          SaeSweep.fvuAtL0(rows, SaeArchitecture.Kind.GATED, 256, l0));
    }
  }
}

package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kibitz.games.chess.externalize.HeadExternalization;
import dev.kibitz.probe.report.Heatmap;
import java.util.ArrayList;
import java.util.List;

/** A {@code finetune-head} step's output: every number of the experiment, and a heatmap of heads x measures. */
final class FineTuneHeadJson {
  /**
   * Heatmap columns, short to fit a cell: blunder rate and high-Elo move share on the head's own held-out
   * transitions (tgt) and the other groups' (oth); on ordinary positions (ord) move-match, low-Elo blunder rate
   * and the share of low-Elo moves unchanged.
   */
  static final List<String> MEASURES = List.of("tgt blunder", "tgt high", "oth blunder", "oth high", "ord match",
      "ord blunder", "ord same");

  private FineTuneHeadJson() {}

  static JsonObject of(String model, String checkpoint, FineTuneHeadStep.Config c, HeadExternalization.Result r) {
    HeadExternalization.Config x = c.experiment();
    JsonObject out = new JsonObject();
    out.addProperty("model", model);
    out.addProperty("checkpoint", checkpoint);
    out.addProperty("low_elo", x.lowElo());
    out.addProperty("high_elo", x.highElo());
    out.addProperty("blunder_cp", x.thresholds().blunderCentipawns());
    out.addProperty("sound_cp", x.thresholds().soundCentipawns());
    out.addProperty("depth", c.depth());
    out.addProperty("steps", x.tuning().steps());
    out.addProperty("batch", x.tuning().batchSize());
    out.addProperty("learning_rate", x.tuning().learningRate());
    out.addProperty("rehearsal_share", x.tuning().rehearsal());
    out.addProperty("candidates", r.found().candidates());
    out.addProperty("differing", r.found().differing());
    out.addProperty("transitions", r.found().transitions().size());
    out.addProperty("stockfish_searches", r.judged());
    JsonObject sizes = new JsonObject();
    r.groupSizes().forEach(sizes::addProperty);
    out.add("group_sizes", sizes);
    JsonArray skipped = new JsonArray();
    r.skipped().forEach(skipped::add);
    out.add("skipped_groups", skipped);
    out.add("ordinary_before", ordinary(r.ordinaryBefore()));
    JsonArray heads = new JsonArray();
    boolean allFrozen = !r.groups().isEmpty();
    List<String> rows = new ArrayList<>(List.of("base policy"));
    List<double[]> values = new ArrayList<>();
    values.add(row(r.groups().isEmpty() ? null : r.groups().get(0).targetedBefore(),
        r.groups().isEmpty() ? null : r.groups().get(0).otherBefore(), r.ordinaryBefore()));
    for (HeadExternalization.GroupResult g : r.groups()) {
      JsonObject o = new JsonObject();
      o.addProperty("concept", g.concept());
      o.addProperty("trained", g.trained());
      o.addProperty("held_out", g.heldOut());
      o.addProperty("first_loss", g.losses().get(0));
      o.addProperty("last_loss", mean(g.losses().subList(Math.max(0, g.losses().size() - 20), g.losses().size())));
      o.add("targeted_before", transfer(g.targetedBefore()));
      o.add("targeted_after", transfer(g.targetedAfter()));
      o.add("other_before", transfer(g.otherBefore()));
      o.add("other_after", transfer(g.otherAfter()));
      o.add("ordinary_after", ordinary(g.ordinaryAfter()));
      // Selection made every held-out transition a blunder, so any change of move tends to lower the rate.
      // Were the head's changes blind (the share of ordinary low-Elo moves it changed, each landing on a
      // blunder as often as ordinary low-Elo moves do), the targeted blunder rate would fall only to this.
      double changed = 1 - g.ordinaryAfter().unchangedLow();
      o.addProperty("blind_change_blunder_rate", 1 - changed * (1 - r.ordinaryBefore().blunderRateLow()));
      o.addProperty("backbone_parameters", g.backboneParameters());
      o.addProperty("backbone_identical", g.backboneIdentical());
      o.addProperty("head_changed", g.headChanged());
      allFrozen &= g.backboneIdentical();
      heads.add(o);
      rows.add("head tuned on " + g.concept());
      values.add(row(g.targetedAfter(), g.otherAfter(), g.ordinaryAfter()));
    }
    out.add("heads", heads);
    out.addProperty("backbone_identical_in_all", allFrozen);
    JsonArray figures = new JsonArray();
    if (!r.groups().isEmpty()) {
      String title = "low-Elo (" + x.lowElo() + ") behaviour after head-only fine-tuning (head x measure)";
      figures.add(Figures.of(title, new Heatmap(title, rows, MEASURES, values.toArray(double[][]::new), 0, 1)
          .svg()));
    }
    out.add("figures", figures);
    return out;
  }

  private static double[] row(HeadExternalization.Transfer targeted, HeadExternalization.Transfer other,
      HeadExternalization.Ordinary ordinary) {
    double nan = Double.NaN;
    return new double[] {targeted == null ? nan : targeted.blunderRate(), targeted == null ? nan
        : targeted.matchesHighElo(), other == null ? nan : other.blunderRate(), other == null ? nan
        : other.matchesHighElo(), ordinary.moveMatch(), ordinary.blunderRateLow(), ordinary.unchangedLow()};
  }

  private static JsonObject transfer(HeadExternalization.Transfer t) {
    JsonObject o = new JsonObject();
    o.addProperty("positions", t.positions());
    o.addProperty("blunder_rate", t.blunderRate());
    o.addProperty("plays_high_elo_move", t.matchesHighElo());
    return o;
  }

  private static JsonObject ordinary(HeadExternalization.Ordinary t) {
    JsonObject o = new JsonObject();
    o.addProperty("positions", t.positions());
    o.addProperty("move_match", t.moveMatch());
    o.addProperty("low_elo_blunder_rate", t.blunderRateLow());
    o.addProperty("low_elo_move_unchanged", t.unchangedLow());
    return o;
  }

  private static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}

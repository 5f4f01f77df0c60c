package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kibitz.core.tensor.Logits;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.agent.ChessExamples;
import dev.kibitz.games.chess.concepts.Concept;
import dev.kibitz.games.chess.concepts.ConceptLibrary;
import dev.kibitz.games.chess.data.EloLevels;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import dev.kibitz.games.chess.engine.EngineSettings;
import dev.kibitz.games.chess.engine.Stockfish;
import dev.kibitz.games.chess.externalize.ConceptActions;
import dev.kibitz.games.chess.externalize.MoveJudge;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.proto.v1.FeatureEdit;
import dev.kibitz.proto.v1.Intervention;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.checkpoint.SaeCheckpoint;
import dev.kibitz.sae.eval.DownstreamFidelity;
import dev.kibitz.steering.model.ModelAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code steer-sae-features}: targeted externalization by SAE feature steering on the chess policy. For
 * each yes/no concept, the trained SAE's features that best predict it (ROC AUC on held-out positions at the
 * low Elo) are amplified (scaled by each of {@code coefficients}) through the model server's {@code sae} intervention,
 * the SAE's error term kept, on other held-out positions where the concept holds, conditioned on the low Elo.
 * Measured against no steering and against as many random features scaled the same: how often the move acts
 * on the concept ({@link ConceptActions}), blunders (Stockfish), and is Stockfish's best. Position sets are
 * drawn after the capture's and the SAE's held-out positions, so none was trained or selected on.
 */
public final class SteerSaeFeaturesStep implements StepType<SteerSaeFeaturesStep.Config> {
  public static final String NAME = "steer-sae-features";

  /** What to steer and how to measure it. */
  public record Config(String capture, String sae, List<String> concepts, int features, List<Double> coefficients,
      int lowElo, int selectionPerElo, int testPerElo, int blunderCp, int depth, int engines, long seed) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int version() {
    return 3; // 2: the control draws live features only; 3: several coefficients
  }

  @Override
  public String description() {
    return "amplify the SAE features most predictive of each chess concept at a low conditioned Elo, against random "
        + "features of equal count and coefficient; params: capture, sae, concepts, features, coefficients, low-elo, "
        + "selection-per-elo, test-per-elo, blunder-cp, depth, engines, seed";
  }

  @Override
  public Config configure(Params p, StepCheck check) {
    String capture = check.upstream("capture", List.of(CaptureChessStep.NAME)).map(s -> s.name()).orElse("");
    String sae = check.upstream("sae", List.of(TrainSaeStep.NAME)).map(s -> s.name()).orElse("");
    List<String> concepts = p.strings("concepts", List.copyOf(ConceptActions.DEFINITIONS.keySet()));
    for (String c : concepts) {
      if (!ConceptActions.defined(c)) {
        p.problem("concepts", "'" + c + "' has no move action to measure (defined: "
            + String.join(", ", ConceptActions.DEFINITIONS.keySet()) + ")");
      }
    }
    int low = (int) p.integer("low-elo", EloLevels.elo(0), 0, 10_000);
    if (java.util.stream.IntStream.range(0, EloLevels.COUNT).noneMatch(b -> EloLevels.elo(b) == low)) {
      p.problem("low-elo", low + " is not an Elo level of the chess policy");
    }
    if (!Files.isExecutable(EngineSettings.stockfish().binary())) {
      p.problem(null, "Stockfish is not at " + EngineSettings.stockfish().binary() + " (apt-get install stockfish)");
    }
    return new Config(capture, sae, concepts, (int) p.integer("features", 8, 1, 1 << 16),
        coefficients(p), low, (int) p.integer("selection-per-elo", 100, 1, 100_000),
        (int) p.integer("test-per-elo", 150, 1, 100_000), (int) p.integer("blunder-cp", 200, 1, 100_000),
        (int) p.integer("depth", 8, 1, 30), (int) p.integer("engines", 2, 1, 64), p.integer("seed", 0, 0,
            Long.MAX_VALUE));
  }

  /** The scales to try, each for the chosen features and for the control (a dose-response). */
  private static List<Double> coefficients(Params p) {
    List<Double> out = p.numbers("coefficients", List.of(4.0));
    if (out.isEmpty()) {
      p.problem("coefficients", "needs at least one coefficient");
    }
    for (double v : out) {
      if (!(Math.abs(v) <= 1e4)) {
        p.problem("coefficients", "each coefficient must be within +-10000, got " + v);
      }
    }
    if (out.stream().distinct().count() < out.size()) {
      p.problem("coefficients", "lists a coefficient twice: " + out);
    }
    return List.copyOf(out);
  }

  /** A condition's name in the output: steered or control, at a coefficient. */
  static String condition(String kind, double coefficient) {
    return kind + " x" + (coefficient == Math.rint(coefficient) ? Long.toString((long) coefficient)
        : Double.toString(coefficient));
  }

  @Override
  public JsonObject run(Config c, StepContext ctx) throws Exception {
    Services services = ctx.service(Services.class);
    JsonObject capture = ctx.output(c.capture());
    JsonObject saeOut = ctx.output(c.sae());
    String hook = saeOut.get("hook").getAsString();
    Sae sae = SaeCheckpoint.load(Path.of(saeOut.get("checkpoint_dir").getAsString()));
    String model = capture.get("model").getAsString();
    String checkpoint = capture.get("checkpoint").getAsString();
    ConceptLibrary library = ConceptLibrary.pure();
    List<Concept> concepts = c.concepts().stream().map(library::concept).toList();
    Path data = Path.of(capture.get("data").getAsString());
    long seed = capture.get("seed").getAsLong();
    int skip = capture.get("positions_per_elo").getAsInt() + (saeOut.has("held_out_per_elo")
        ? saeOut.get("held_out_per_elo").getAsInt() : 0);
    ChessPositions selection = ChessPositions.heldOut(data, c.selectionPerElo(), seed, List.of(c.lowElo()), concepts,
        skip);
    ChessPositions test = ChessPositions.heldOut(data, c.testPerElo(), seed, List.of(c.lowElo()), concepts,
        skip + c.selectionPerElo());
    ctx.progress(0, "encoding " + selection.positions() + " selection positions with the SAE");
    ModelAccess models = new ModelAccess(services.models());
    float[][] features = SaeFeatureSelection.activations(sae, models.capture(model, checkpoint, hook,
        ChessPositions.statesAt(selection.examples(), c.lowElo())).rows());

    JsonArray results = new JsonArray();
    try (Stockfish stockfish = Stockfish.start(c.engines());
        MoveJudge judge = new MoveJudge(stockfish, c.engines(), c.depth())) {
      for (int k = 0; k < concepts.size(); k++) {
        String concept = concepts.get(k).name();
        ctx.progress((double) k / concepts.size(), "steering " + concept);
        boolean[] labels = new boolean[selection.positions()];
        for (int i = 0; i < labels.length; i++) {
          labels[i] = selection.value(i, k) != 0;
        }
        List<SaeFeatureSelection.Scored> chosen = SaeFeatureSelection.best(features, labels, c.features());
        List<Integer> control = SaeFeatureSelection.control(features, chosen, chosen.size(), c.seed() + k);
        List<ChessExamples.Example> where = new ArrayList<>();
        for (int i = 0; i < test.positions(); i++) {
          if (test.value(i, k) != 0) {
            where.add(test.examples().get(i));
          }
        }
        SteeringMeasures m = new SteeringMeasures(concept, where, c.blunderCp(), judge);
        int[] base = m.add("base", topMoves(models, model, checkpoint, where, c.lowElo(), null));
        JsonObject sent = new JsonObject();
        for (double coefficient : c.coefficients()) {
          Intervention steered = edit(sae, hook, chosen.stream().map(SaeFeatureSelection.Scored::feature).toList(),
              coefficient);
          Intervention random = edit(sae, hook, control, coefficient);
          m.add(condition("steered", coefficient), topMoves(models, model, checkpoint, where, c.lowElo(), steered),
              base);
          m.add(condition("control", coefficient), topMoves(models, model, checkpoint, where, c.lowElo(), random),
              base);
          sent.add(condition("steered", coefficient), edits(steered));
          sent.add(condition("control", coefficient), edits(random));
        }
        JsonObject o = m.json(countTrue(labels), chosen, control);
        o.add("edits", sent);
        results.add(o);
      }
    }
    JsonObject out = SteeringJson.of(c, hook, sae, results, selection.positions(), test.positions());
    out.addProperty("live_features", SaeFeatureSelection.live(features));
    return out;
  }

  private static int countTrue(boolean[] labels) {
    int n = 0;
    for (boolean b : labels) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** What an intervention sent to the model server edits: how many features, with which scales. */
  private static JsonObject edits(Intervention i) {
    JsonObject o = new JsonObject();
    o.addProperty("features", i.getSae().getFeaturesCount());
    JsonArray scales = new JsonArray();
    i.getSae().getFeaturesList().stream().map(FeatureEdit::getScale).distinct().forEach(scales::add);
    o.add("distinct_scales", scales);
    return o;
  }

  private static Intervention edit(Sae sae, String hook, List<Integer> features, double coefficient) {
    List<FeatureEdit> edits = features.stream().map(f -> FeatureEdit.newBuilder().setFeature(f)
        .setScale((float) coefficient).build()).toList();
    return DownstreamFidelity.intervention(sae, hook, false, edits);
  }

  /** The policy's top move (vocabulary index) per position at {@code elo}, with {@code intervention} if not null. */
  private static int[] topMoves(ModelAccess models, String model, String checkpoint,
      List<ChessExamples.Example> positions, int elo, Intervention intervention) {
    float[][] p = models.actionProbabilities(model, checkpoint, intervention == null ? List.of()
        : List.of(intervention), ChessPositions.statesAt(positions, elo));
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = Logits.argmax(p[i]);
    }
    return out;
  }

  static boolean acts(String concept, ChessExamples.Example e, int move) {
    Position p = Position.fromFen(e.fen());
    return ConceptActions.acts(concept, p, MoveVocabulary.toMove(move, p));
  }
}

package dev.kibitz.games.chess.externalize;

import ai.djl.ndarray.NDManager;
import dev.kibitz.games.chess.agent.ChessExamples;
import dev.kibitz.games.zoo.ChessPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Externalization by head-only fine-tuning: find a policy's blundered transitional positions, split each
 * concept group into training and held-out positions, and for each group (and all groups pooled) fine-tune
 * a fresh copy's head to play, at the low Elo, the move the same policy plays at the high Elo. Measured
 * before and after on the group's held-out positions (targeted), on the other groups' held-out positions,
 * and on ordinary held-out positions (untargeted behaviour), with the backbone's bytes checked unchanged.
 */
public final class HeadExternalization {
  public static final String POOLED = "all";

  /** Everything the experiment needs but the positions. */
  public record Config(int lowElo, int highElo, BlunderedTransitions.Thresholds thresholds, HeadFineTuner.Config tuning,
      double testFraction, int minTrain, long seed) {
    public Config {
      if (lowElo >= highElo) {
        throw new IllegalArgumentException("the low Elo " + lowElo + " must be below the high Elo " + highElo);
      }
      if (!(testFraction > 0 && testFraction < 1) || minTrain < 1) {
        throw new IllegalArgumentException("test fraction must be in (0, 1) and min-train >= 1, got " + testFraction
            + ", " + minTrain);
      }
    }
  }

  /** A fresh copy of the policy under study, on {@code manager}. */
  @FunctionalInterface
  public interface PolicySource {
    ChessPolicy load(NDManager manager) throws IOException;
  }

  /** Told what is happening, with the fraction done. */
  @FunctionalInterface
  public interface Progress {
    void at(double fraction, String message);
  }

  /** Behaviour at the low Elo on transitional positions: blunders (by the thresholds) and high-Elo moves played. */
  public record Transfer(int positions, double blunderRate, double matchesHighElo) {}

  /**
   * Behaviour on ordinary held-out positions: move-match with the recorded move (conditioned as recorded),
   * the blunder rate at the low Elo, and the share of low-Elo top moves unchanged from the base policy.
   */
  public record Ordinary(int positions, double moveMatch, double blunderRateLow, double unchangedLow) {}

  /** One fine-tuned head: its group, sizes, losses, before/after measures and the frozen-backbone check. */
  public record GroupResult(String concept, int trained, int heldOut, List<Double> losses, Transfer targetedBefore,
      Transfer targetedAfter, Transfer otherBefore, Transfer otherAfter, Ordinary ordinaryAfter,
      boolean backboneIdentical, int backboneParameters, boolean headChanged) {}

  /** The whole experiment. */
  public record Result(BlunderedTransitions.Found found, Map<String, Integer> groupSizes, Ordinary ordinaryBefore,
      List<GroupResult> groups, List<String> skipped, int judged) {}

  private HeadExternalization() {}

  /**
   * @param candidates held-out positions searched for transitions
   * @param ordinary other held-out positions, for untargeted behaviour
   * @param rehearsal training positions the heads rehearse, each under its recorded and the low Elo, with
   *     the base policy's top move as the target
   */
  public static Result run(PolicySource source, List<ChessExamples.Example> candidates,
      List<ChessExamples.Example> ordinary, List<ChessExamples.Example> rehearsal, MoveJudge judge, Config config,
      Progress progress) throws IOException, InterruptedException {
    try (NDManager root = NDManager.newBaseManager()) {
      ChessPolicy base = source.load(root);
      progress.at(0, "searching " + candidates.size() + " positions for blundered transitions");
      int[] reported = {0};
      BlunderedTransitions.Found found = BlunderedTransitions.find(base, root, candidates, config.lowElo(),
          config.highElo(), judge, config.thresholds(), (n, of) -> {
            if (n - reported[0] >= 50 || n == of) { // one message per 50 judged positions, not one per answer
              reported[0] = n;
              progress.at(0.4 * n / of, "judged " + n + " of " + of + " positions whose move changes with Elo");
            }
          });
      List<ChessExamples.Example> rehearsed = rehearsal(base, root, rehearsal, config.lowElo());
      Map<String, List<BlunderedTransitions.Transition>> byGroup = new LinkedHashMap<>();
      for (String g : BlunderConcept.GROUPS) {
        byGroup.put(g, new ArrayList<>());
      }
      found.transitions().forEach(t -> byGroup.get(t.concept()).add(t));
      Map<String, Integer> sizes = new LinkedHashMap<>();
      byGroup.forEach((g, ts) -> sizes.put(g, ts.size()));

      // each group split once: its held-out part is never trained on, by its own head or the pooled one
      List<BlunderedTransitions.Transition> train = new ArrayList<>();
      List<BlunderedTransitions.Transition> test = new ArrayList<>();
      Random random = new Random(config.seed());
      for (List<BlunderedTransitions.Transition> ts : byGroup.values()) {
        List<BlunderedTransitions.Transition> shuffled = new ArrayList<>(ts);
        Collections.shuffle(shuffled, random);
        int held = (int) Math.ceil(config.testFraction() * shuffled.size());
        test.addAll(shuffled.subList(0, held));
        train.addAll(shuffled.subList(held, shuffled.size()));
      }

      int[] ordinaryLowBefore = PolicyChoices.at(base, root, ordinary, config.lowElo());
      Ordinary ordinaryBefore = ordinary(base, root, ordinary, ordinaryLowBefore, judge, config);
      List<String> targets = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (String g : BlunderConcept.GROUPS) {
        long n = train.stream().filter(t -> t.concept().equals(g)).count();
        (n >= config.minTrain() ? targets : skipped).add(g);
      }
      if (train.size() >= config.minTrain()) {
        targets.add(POOLED);
      }
      List<GroupResult> results = new ArrayList<>();
      for (int k = 0; k < targets.size(); k++) {
        String g = targets.get(k);
        progress.at(0.4 + 0.6 * k / targets.size(), "fine-tuning the head on " + g);
        Predicate<BlunderedTransitions.Transition> in = t -> g.equals(POOLED) || t.concept().equals(g);
        results.add(fineTuneOne(source, g, train.stream().filter(in).toList(), test.stream().filter(in).toList(),
            test.stream().filter(in.negate()).toList(), ordinary, ordinaryLowBefore, rehearsed, judge, config));
      }
      progress.at(1, "done: " + results.size() + " heads fine-tuned");
      return new Result(found, sizes, ordinaryBefore, results, skipped, judge.searched());
    }
  }

  private static GroupResult fineTuneOne(PolicySource source, String group,
      List<BlunderedTransitions.Transition> train, List<BlunderedTransitions.Transition> targeted,
      List<BlunderedTransitions.Transition> other, List<ChessExamples.Example> ordinary, int[] ordinaryLowBefore,
      List<ChessExamples.Example> rehearsal, MoveJudge judge, Config config) throws IOException, InterruptedException {
    try (NDManager manager = NDManager.newBaseManager()) {
      ChessPolicy policy = source.load(manager);
      Map<String, String> backbone = HeadFineTuner.digests(policy, p -> !ChessPolicy.isPolicyHead(p));
      Map<String, String> head = HeadFineTuner.digests(policy, ChessPolicy::isPolicyHead);
      List<Double> losses = HeadFineTuner.fineTune(policy, manager,
          train.stream().map(t -> t.lesson(config.lowElo())).toList(), rehearsal, config.tuning());
      boolean identical = backbone.equals(HeadFineTuner.digests(policy, p -> !ChessPolicy.isPolicyHead(p)));
      boolean headChanged = !head.equals(HeadFineTuner.digests(policy, ChessPolicy::isPolicyHead));
      return new GroupResult(group, train.size(), targeted.size(), losses, before(targeted, config),
          after(policy, manager, targeted, judge, config), before(other, config),
          after(policy, manager, other, judge, config), ordinary(policy, manager, ordinary, ordinaryLowBefore, judge,
              config), identical, backbone.size(), headChanged);
    }
  }

  /** Each position under its recorded Elo and under the low Elo, labelled with the base policy's top move there. */
  private static List<ChessExamples.Example> rehearsal(ChessPolicy base, NDManager manager,
      List<ChessExamples.Example> positions, int lowElo) {
    int[] recorded = PolicyChoices.asRecorded(base, manager, positions);
    int[] low = PolicyChoices.at(base, manager, positions, lowElo);
    List<ChessExamples.Example> out = new ArrayList<>(2 * positions.size());
    for (int i = 0; i < positions.size(); i++) {
      ChessExamples.Example p = positions.get(i);
      out.add(new ChessExamples.Example(p.fen(), recorded[i], p.moverElo(), p.opponentElo(), p.best(), p.cpLoss()));
      out.add(new ChessExamples.Example(p.fen(), low[i], lowElo, p.opponentElo(), p.best(), p.cpLoss()));
    }
    return out;
  }

  /** The base policy on transitional positions: every low move a blunder, none the high move (by selection). */
  private static Transfer before(List<BlunderedTransitions.Transition> ts, Config config) {
    long blunders = ts.stream().filter(t -> t.lowLoss() >= config.thresholds().blunderCentipawns()).count();
    long high = ts.stream().filter(t -> t.lowMove() == t.highMove()).count();
    return new Transfer(ts.size(), rate(blunders, ts.size()), rate(high, ts.size()));
  }

  private static Transfer after(ChessPolicy policy, NDManager manager, List<BlunderedTransitions.Transition> ts,
      MoveJudge judge, Config config) throws InterruptedException {
    List<ChessExamples.Example> positions = ts.stream().map(BlunderedTransitions.Transition::position).toList();
    int[] moves = PolicyChoices.at(policy, manager, positions, config.lowElo());
    int[] losses = judge.losses(positions.stream().map(ChessExamples.Example::fen).toList(), moves, n -> {});
    int blunders = 0;
    int high = 0;
    for (int i = 0; i < moves.length; i++) {
      blunders += losses[i] >= config.thresholds().blunderCentipawns() ? 1 : 0;
      high += moves[i] == ts.get(i).highMove() ? 1 : 0;
    }
    return new Transfer(ts.size(), rate(blunders, ts.size()), rate(high, ts.size()));
  }

  private static Ordinary ordinary(ChessPolicy policy, NDManager manager, List<ChessExamples.Example> positions,
      int[] lowBefore, MoveJudge judge, Config config) throws InterruptedException {
    int[] recorded = PolicyChoices.asRecorded(policy, manager, positions);
    int[] low = PolicyChoices.at(policy, manager, positions, config.lowElo());
    int[] losses = judge.losses(positions.stream().map(ChessExamples.Example::fen).toList(), low, n -> {});
    int matches = 0;
    int blunders = 0;
    int unchanged = 0;
    for (int i = 0; i < low.length; i++) {
      matches += recorded[i] == positions.get(i).move() ? 1 : 0;
      blunders += losses[i] >= config.thresholds().blunderCentipawns() ? 1 : 0;
      unchanged += low[i] == lowBefore[i] ? 1 : 0;
    }
    int n = positions.size();
    return new Ordinary(n, rate(matches, n), rate(blunders, n), rate(unchanged, n));
  }

  private static double rate(long count, int of) {
    return of == 0 ? Double.NaN : (double) count / of;
  }
}

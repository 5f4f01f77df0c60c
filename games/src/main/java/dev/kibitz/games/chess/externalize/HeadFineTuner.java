package dev.kibitz.games.chess.externalize;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.kibitz.games.chess.agent.ChessAgentTrainer;
import dev.kibitz.games.chess.agent.ChessExamples;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import dev.kibitz.games.training.Adam;
import dev.kibitz.games.training.Autograd;
import dev.kibitz.games.zoo.ChessPolicy;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Fine-tunes only the chess policy's head ({@link ChessPolicy#isPolicyHead}) by cross-entropy on
 * examples (each position with the move to learn and the conditioning to learn it under), the backbone
 * frozen: its parameters need no gradient and Adam holds no moments for them. Batches are drawn with
 * replacement from a seeded generator, at a constant learning rate.
 */
public final class HeadFineTuner {
  /**
   * Steps of {@code batchSize} examples at {@code learningRate}; a {@code rehearsal} share of each batch comes
   * from the rehearsal examples (the base policy's own choices), which holds untargeted behaviour in place.
   */
  public record Config(long seed, int steps, int batchSize, float learningRate, double rehearsal) {
    public Config {
      if (steps < 1 || batchSize < 1 || !(learningRate > 0) || !(rehearsal >= 0 && rehearsal < 1)) {
        throw new IllegalArgumentException("steps and batch size must be >= 1, the learning rate > 0 and the "
            + "rehearsal share in [0, 1), got " + steps + ", " + batchSize + ", " + learningRate + ", " + rehearsal);
      }
    }

    int rehearsed() {
      return (int) Math.round(batchSize * rehearsal);
    }
  }

  private HeadFineTuner() {}

  /**
   * Trains {@code policy}'s head in place on {@code lessons}, mixed with {@code rehearsal} as the config
   * says; returns each step's mean loss over the batch.
   */
  public static List<Double> fineTune(ChessPolicy policy, NDManager manager, List<ChessExamples.Example> lessons,
      List<ChessExamples.Example> rehearsal, Config config) {
    if (lessons.isEmpty()) {
      throw new IllegalArgumentException("no examples to fine-tune on");
    }
    int rehearsed = rehearsal.isEmpty() ? 0 : config.rehearsed();
    Adam.Moments moments = Adam.Moments.of(policy, ChessPolicy::isPolicyHead);
    SplittableRandom random = new SplittableRandom(config.seed());
    List<Double> losses = new ArrayList<>();
    for (int step = 1; step <= config.steps(); step++) {
      List<ChessExamples.Example> batch = new ArrayList<>(config.batchSize());
      for (int i = 0; i < config.batchSize(); i++) {
        List<ChessExamples.Example> from = i < rehearsed ? rehearsal : lessons;
        batch.add(from.get(random.nextInt(from.size())));
      }
      try (NDManager scratch = manager.newSubManager()) {
        NDList inputs = ChessAgentTrainer.inputs(scratch, batch, policy);
        NDArray target = scratch.create(batch.stream().mapToInt(ChessExamples.Example::move).toArray())
            .oneHot(MoveVocabulary.size());
        losses.add(Autograd.collect(() -> {
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = policy.forward(new ParameterStore(scratch, false), inputs, true).singletonOrThrow();
            NDArray loss = logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
            gc.backward(loss);
            return (double) loss.getFloat();
          }
        }));
        moments.update(scratch, step, config.learningRate());
      }
    }
    return losses;
  }

  /** SHA-256 of each chosen parameter's float bytes, by parameter name: equal digests, identical bytes. */
  public static Map<String, String> digests(Block block, Predicate<String> which) {
    Map<String, String> out = new TreeMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (which.test(p.getKey())) {
        out.put(p.getKey(), sha256(p.getValue().getArray().toByteBuffer()));
      }
    }
    return out;
  }

  private static String sha256(ByteBuffer bytes) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(bytes);
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

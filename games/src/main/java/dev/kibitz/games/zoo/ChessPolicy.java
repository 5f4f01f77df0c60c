package dev.kibitz.games.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.kibitz.core.hook.HookPoint;
import dev.kibitz.games.chess.encode.ChessEncoder;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import dev.kibitz.games.chess.encode.TacticalPlanes;
import java.util.ArrayList;
import java.util.List;

/**
 * A skill-conditioned chess policy in the spirit of Maia: board planes -> conv stem, plus learned
 * embeddings of the mover's and the opponent's Elo bucket added to every square -> residual conv
 * blocks -> 1x1 conv head -> 3x3 conv to move planes per from-square (the kind of move: ray
 * direction and distance, knight jump, under-promotion) -> the 1858-move vocabulary's logits read
 * from those planes by one gather ({@link MoveVocabulary#policyMap}), illegal moves masked out.
 * Predicting moves where their piece stands, instead of through a dense layer over the whole
 * board, is what lets the head generalise (a dense 1024x1858 head memorised the 235k training
 * positions: held-out move-match fell from 0.159 to 0.149 between steps 2000 and 4000).
 *
 * <p>Inputs, in order: {@code board} [18, 8, 8] ([32, 8, 8] with {@link TacticalPlanes}), {@code mover_elo}
 * and {@code opponent_elo} (one-hot [8] over {@link dev.kibitz.games.chess.data.EloLevels}; a one-hot times a bias-free
 * linear layer is an embedding), and {@code legal} [1858] (1 for legal moves). Hook points:
 * {@code stem.out}, {@code blocks.i.conv0_out/.conv1_out/.resid_out}, {@code head.out},
 * {@code policy.raw_logits} (before masking). With {@code eloEveryBlock} the stream entering block i > 0 is
 * {@code blocks.(i-1).resid_out} plus that block's Elo term, so an intervention there still reaches block i.
 */
public final class ChessPolicy extends AbstractBlock {
  /** Masked logits sit this far below any real one: exp underflows to exactly 0. */
  static final float ILLEGAL = -1e9f;

  /**
   * The board's 18 planes are zero-padded to this many before the stem conv. libtorch 2.7.1's oneDNN
   * (AVX-512) reorders an input whose channel count is not a multiple of 16 into a padded blocked
   * layout without clearing the padding, and a garbage NaN there times a zero weight poisons the
   * whole output: measured on 18 channels, batch 256, in 27% of forwards. Multiples of 16 never do.
   */
  static final int STEM_INPUT_CHANNELS = 32;

  /** Move planes the policy conv predicts: the vocabulary's 73 kinds, rounded up to 16 (see above). */
  static final int POLICY_CONV_PLANES = 80;

  /**
   * Channels of the residual stream, residual blocks, channels of the head conv, and whether an Elo
   * bucket is embedded ordinally: bucket b is the sum of learned steps 0..b (a thermometer code times a
   * linear layer), so neighbouring buckets share all but one step and the policy varies smoothly with
   * Elo. A free embedding per bucket (one-hot) lets each bucket, and each mover x opponent pair of
   * buckets, pick up noise of its own: the one-hot model's top move changed on 33% of held-out
   * positions between adjacent buckets, with no gain in move-match.
   *
   * <p>{@code tacticalPlanes}: the board input carries the {@link TacticalPlanes} after the 18 board planes
   * (32 in all, so the stem needs no padding). {@code eloEveryBlock}: both Elo codes also go through a
   * linear layer of their own in front of every block after the first, and the result is added to the
   * residual stream entering that block, so the conditioning is not only what survives from the stem.
   */
  public record Config(int channels, int blocks, int headChannels, boolean ordinalElo, boolean tacticalPlanes,
      boolean eloEveryBlock) {
    public Config(int channels, int blocks, int headChannels) {
      this(channels, blocks, headChannels, false);
    }

    public Config(int channels, int blocks, int headChannels, boolean ordinalElo) {
      this(channels, blocks, headChannels, ordinalElo, false, false);
    }

    /** This config as a checkpoint's {@code architecture} metadata writes it (older fields only when set). */
    public String describe() {
      String base = "Config[channels=" + channels + ", blocks=" + blocks + ", headChannels=" + headChannels
          + ", ordinalElo=" + ordinalElo;
      return base + (tacticalPlanes || eloEveryBlock
          ? ", tacticalPlanes=" + tacticalPlanes + ", eloEveryBlock=" + eloEveryBlock : "") + "]";
    }

    /** Planes of the board input. */
    public int boardPlanes() {
      return ChessEncoder.boardPlanes(tacticalPlanes);
    }

    /**
     * Parses {@link #describe()}'s text; a checkpoint written before the ordinal encoding existed has no
     * {@code ordinalElo} and is one-hot, and one written before the tactical planes has neither of them.
     */
    public static Config parse(String text) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(
          "Config\\[channels=(\\d+), blocks=(\\d+), headChannels=(\\d+)(?:, ordinalElo=(true|false))?"
              + "(?:, tacticalPlanes=(true|false), eloEveryBlock=(true|false))?]").matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a chess policy architecture: '" + text + "'");
      }
      return new Config(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          "true".equals(m.group(4)), "true".equals(m.group(5)), "true".equals(m.group(6)));
    }
  }

  /** The first shipped architecture (one-hot Elo). */
  public static final Config SMALL = new Config(64, 6, 32);

  /** {@link #SMALL} with ordinal Elo embeddings. */
  public static final Config SMALL_ORDINAL = new Config(64, 6, 32, true);

  /** {@link #SMALL_ORDINAL} with the tactical planes and the Elo codes in front of every block. */
  public static final Config SMALL_TACTICAL = new Config(64, 6, 32, true, true, true);

  private final Config config;
  private final Block stem;
  private final Block moverElo;
  private final Block opponentElo;
  private final Block stemOut;
  private final List<Block> blocks = new ArrayList<>();
  private final List<Block> blockElo = new ArrayList<>();
  private final Block head;
  private final Block headOut;
  private final Block policy;
  private final long[] policyMap;
  private final Block rawLogits;

  public ChessPolicy(Config config) {
    this.config = config;
    stem = addChildBlock("stem", ResidualBlock.conv3x3(config.channels()));
    moverElo = addChildBlock("mover_elo", Linear.builder().setUnits(config.channels()).optBias(false).build());
    opponentElo = addChildBlock("opponent_elo", Linear.builder().setUnits(config.channels()).optBias(false).build());
    stemOut = addChildBlock("stem_out", ResidualConvPolicy.spatialHook("stem.out",
        "stem conv plus both Elo embeddings, the residual stream entering block 0"));
    for (int i = 0; i < config.blocks(); i++) {
      blocks.add(addChildBlock("block" + i, new ResidualBlock("blocks." + i, config.channels())));
      if (config.eloEveryBlock() && i > 0) {
        blockElo.add(addChildBlock("block" + i + "_elo",
            Linear.builder().setUnits(config.channels()).optBias(false).build()));
      }
    }
    head = addChildBlock("head", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(config.headChannels())
        .build());
    headOut = addChildBlock("head_out", ResidualConvPolicy.spatialHook("head.out", "policy head conv after its ReLU"));
    policy = addChildBlock("policy", Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
        .setFilters(POLICY_CONV_PLANES).build());
    policyMap = java.util.Arrays.stream(MoveVocabulary.policyMap()).asLongStream().toArray();
    rawLogits = addChildBlock("raw_logits", new HookPoint("policy.raw_logits", List.of("move"),
        "move logits before illegal moves are masked"));
  }

  /**
   * Whether a parameter (by its name in {@link #getParameters()}) belongs to the policy head: the 1x1 head
   * conv or the move-plane conv. Everything else (stem, Elo embeddings, residual blocks) is the backbone.
   */
  public static boolean isPolicyHead(String parameterName) {
    return parameterName.matches("\\d*(head|policy)_.*");
  }

  public Config config() {
    return config;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray board = inputs.get(0);
    long batch = board.getShape().get(0);
    NDArray moverCode = eloCode(inputs.get(1));
    NDArray opponentCode = eloCode(inputs.get(2));
    NDArray elo = moverElo.forward(ps, new NDList(moverCode), training).singletonOrThrow()
        .add(opponentElo.forward(ps, new NDList(opponentCode), training).singletonOrThrow());
    NDArray padded = board;
    int missing = STEM_INPUT_CHANNELS - config.boardPlanes();
    if (missing > 0) {
      padded = board.concat(board.getManager().zeros(new Shape(batch, missing, 8, 8)), 1);
    }
    NDArray x = stem.forward(ps, new NDList(padded), training).singletonOrThrow()
        .add(elo.reshape(batch, config.channels(), 1, 1));
    NDList h = stemOut.forward(ps, new NDList(x), training);
    NDArray bothCodes = blockElo.isEmpty() ? null : moverCode.concat(opponentCode, 1);
    for (int i = 0; i < blocks.size(); i++) {
      if (i > 0 && !blockElo.isEmpty()) {
        NDArray bias = blockElo.get(i - 1).forward(ps, new NDList(bothCodes), training).singletonOrThrow();
        h = new NDList(h.singletonOrThrow().add(bias.reshape(batch, config.channels(), 1, 1)));
      }
      h = blocks.get(i).forward(ps, h, training);
    }
    NDArray y = Activation.relu(h.singletonOrThrow());
    y = Activation.relu(head.forward(ps, new NDList(y), training).singletonOrThrow());
    y = headOut.forward(ps, new NDList(y), training).singletonOrThrow();
    NDArray planes = policy.forward(ps, new NDList(y), training).singletonOrThrow().reshape(batch, -1);
    NDArray index = planes.getManager().create(policyMap).reshape(1, policyMap.length).repeat(0, batch);
    NDArray logits = planes.gather(index, 1);
    logits = rawLogits.forward(ps, new NDList(logits), training).singletonOrThrow();
    NDArray legal = inputs.get(3);
    return new NDList(logits.add(legal.sub(1f).mul(-ILLEGAL)));
  }

  /** The Elo one-hot as the embedding layer sees it: unchanged, or as a thermometer (bucket b: ones at 0..b). */
  private NDArray eloCode(NDArray oneHot) {
    if (!config.ordinalElo()) {
      return oneHot;
    }
    int n = (int) oneHot.getShape().get(1);
    float[] upper = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        upper[i * n + j] = 1; // row i of the result sums one-hot entries j >= i: set iff bucket >= i
      }
    }
    return oneHot.matMul(oneHot.getManager().create(upper, new Shape(n, n)).transpose());
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long b = inputShapes[0].get(0);
    Shape spatial = new Shape(b, config.channels(), 8, 8);
    stem.initialize(manager, dataType, new Shape(b, STEM_INPUT_CHANNELS, 8, 8));
    moverElo.initialize(manager, dataType, inputShapes[1]);
    opponentElo.initialize(manager, dataType, inputShapes[2]);
    stemOut.initialize(manager, dataType, spatial);
    blocks.forEach(block -> block.initialize(manager, dataType, spatial));
    blockElo.forEach(block -> block.initialize(manager, dataType, new Shape(b, 2L * ChessEncoder.ELO_BUCKETS)));
    head.initialize(manager, dataType, spatial);
    Shape headShape = new Shape(b, config.headChannels(), 8, 8);
    headOut.initialize(manager, dataType, headShape);
    policy.initialize(manager, dataType, headShape);
    rawLogits.initialize(manager, dataType, new Shape(b, MoveVocabulary.size()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), MoveVocabulary.size())};
  }

  /** Input shapes for a batch of a plain-board policy, in input order. */
  public static Shape[] inputShapes(long batch) {
    return inputShapes(batch, SMALL);
  }

  /** Input shapes for a batch of a policy with {@code config}, in input order. */
  public static Shape[] inputShapes(long batch, Config config) {
    return new Shape[] {new Shape(batch, config.boardPlanes(), 8, 8), new Shape(batch, ChessEncoder.ELO_BUCKETS),
        new Shape(batch, ChessEncoder.ELO_BUCKETS), new Shape(batch, MoveVocabulary.size())};
  }
}

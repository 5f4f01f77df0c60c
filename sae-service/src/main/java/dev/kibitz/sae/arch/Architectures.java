package dev.kibitz.sae.arch;

import java.util.List;

/** Architectures by the names commands and specs use, with their one sparsity knob. */
public final class Architectures {
  public static final List<String> NAMES = List.of("relu-l1", "gated", "topk", "jumprelu");

  private Architectures() {}

  /**
   * {@code sparsity} is k for topk (auxiliary k 32, coefficient 1/32), the L1 coefficient for relu-l1
   * and gated, the L0 coefficient for jumprelu (initial threshold 0.5, bandwidth 0.1).
   */
  public static SaeArchitecture named(String name, double sparsity) {
    return switch (name) {
      case "relu-l1" -> new ReluL1Sae(sparsity);
      case "gated" -> new GatedSae(sparsity);
      case "topk" -> new TopKSae((int) sparsity, 32, 1.0 / 32);
      case "jumprelu" -> new JumpReluSae(sparsity, 0.5, 0.1);
      default -> throw new IllegalArgumentException("architecture must be relu-l1, gated, topk or jumprelu, got '"
          + name + "'");
    };
  }
}

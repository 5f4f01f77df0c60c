package dev.kibitz.cli;

import dev.kibitz.sae.arch.SaeArchitecture;
import picocli.CommandLine.Option;

/** Which SAE to train: architecture, its sparsity knob, width and steps (sae maze, serve sae-service). */
final class SaeShapeOptions {
  @Option(names = "--architecture", defaultValue = "topk",
      description = "relu-l1, gated, topk or jumprelu (default: ${DEFAULT-VALUE})")
  String architecture;

  @Option(names = "--sparsity", defaultValue = "16",
      description = "k for topk, the L1/L0 coefficient otherwise (default: ${DEFAULT-VALUE})")
  double sparsity;

  @Option(names = "--width", defaultValue = "1024", description = "features (default: ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--steps", defaultValue = "3000", description = "training steps per SAE (default: ${DEFAULT-VALUE})")
  int steps;

  SaeArchitecture build() {
    return SaeCommand.architecture(architecture, sparsity);
  }
}

package dev.kibitz.probe.fit;

/**
 * The penalty on a probe's standardised weights (never on its intercept). L2 spreads weight over
 * correlated features and suits steering; L1 picks few features and suits reading off which
 * units carry a concept.
 */
public enum Penalty {
  L1,
  L2
}

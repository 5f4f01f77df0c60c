package dev.kibitz.sae.eval;

/**
 * A feature's strongest activations on an evaluation set, strongest first, with the id of the
 * input each came from; shorter than asked when the feature fired on fewer inputs.
 */
public record FeatureExamples(int feature, long[] inputIds, float[] activations) {}

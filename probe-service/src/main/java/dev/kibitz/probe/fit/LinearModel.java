package dev.kibitz.probe.fit;

import java.util.Arrays;

/**
 * A fitted linear probe on standardised features: {@code theta[0]} is the intercept, {@code theta[1..d]}
 * the weights. {@code iterations} is how many solver steps it took (0 for closed forms).
 */
public record LinearModel(double[] theta, int iterations) {

  public double intercept() {
    return theta[0];
  }

  public double weight(int feature) {
    return theta[feature + 1];
  }

  public double[] weights() {
    return Arrays.copyOfRange(theta, 1, theta.length);
  }

  public int features() {
    return theta.length - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearModel m && iterations == m.iterations && Arrays.equals(theta, m.theta);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(theta) + iterations;
  }

  @Override
  public String toString() {
    return "LinearModel{features=" + features() + ", intercept=" + intercept() + ", iterations=" + iterations + "}";
  }
}

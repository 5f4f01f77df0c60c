package dev.kibitz.probe.metrics;

/** How a probe is scored on held-out rows; each is higher-is-better. */
public enum Metric {
  /** Share of rows classified right at score 0 (probability 0.5). */
  ACCURACY("accuracy"),
  /** Mean of the true-positive and true-negative rates: 0.5 for any constant answer. */
  BALANCED_ACCURACY("balanced_accuracy"),
  /** Probability a random positive outscores a random negative, ties counting half. */
  ROC_AUC("roc_auc"),
  /** 1 - residual / total sum of squares around the scored rows' own mean. */
  R2("r2");

  private final String key;

  Metric(String key) {
    this.key = key;
  }

  /** The name in JSON, markdown and artifact metadata. */
  public String key() {
    return key;
  }

  /** The metric named {@code key} in JSON (the inverse of {@link #key()}). */
  public static Metric ofKey(String key) {
    for (Metric m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + key + "'; expected one of accuracy, balanced_accuracy, "
        + "roc_auc, r2");
  }
}

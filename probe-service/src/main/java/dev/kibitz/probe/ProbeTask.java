package dev.kibitz.probe;

import dev.kibitz.probe.data.Activations;
import dev.kibitz.probe.data.ConceptLabels;

/**
 * One probe to train: a concept's labels against the activations of one hook point, captured
 * under one conditioning value (a skill level, a checkpoint). Row i of the activations and label i
 * describe the same position.
 */
public record ProbeTask(String concept, String hook, String conditioning, Activations activations,
    ConceptLabels labels) {

  public ProbeTask {
    if (concept == null || concept.isBlank() || hook == null || hook.isBlank() || conditioning == null) {
      throw new IllegalArgumentException("a probe task needs a concept, a hook and a conditioning value (may be "
          + "empty), got '" + concept + "', '" + hook + "', '" + conditioning + "'");
    }
    if (activations.rows() != labels.size()) {
      throw new IllegalArgumentException("concept '" + concept + "' at hook '" + hook + "': " + activations.rows()
          + " activation rows but " + labels.size() + " labels");
    }
  }

  /** concept @ hook [conditioning], for messages and progress. */
  public String name() {
    return concept + " @ " + hook + (conditioning.isEmpty() ? "" : " [" + conditioning + "]");
  }
}

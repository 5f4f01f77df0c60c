package dev.kibitz.modelserver.forward;

import dev.kibitz.core.intervention.Intervention;
import java.util.List;

/**
 * What a forward session runs: a model checkpoint (empty = the default), the hook points to
 * capture and the interventions to apply, in order.
 */
public record SessionSpec(String model, String checkpoint, List<String> captures, List<Intervention> interventions) {
  public SessionSpec {
    captures = List.copyOf(captures);
    interventions = List.copyOf(interventions);
  }
}

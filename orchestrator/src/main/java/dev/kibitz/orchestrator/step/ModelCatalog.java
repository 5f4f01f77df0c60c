package dev.kibitz.orchestrator.step;

import java.util.List;
import java.util.Optional;

/** What models exist, for checking specs: their checkpoints and hook points. */
public interface ModelCatalog {
  /** One model as a spec may name it. */
  record ModelInfo(String name, String defaultCheckpoint, List<String> checkpoints, List<String> hooks) {
    public ModelInfo {
      checkpoints = List.copyOf(checkpoints);
      hooks = List.copyOf(hooks);
    }
  }

  Optional<ModelInfo> model(String name);

  List<String> names();
}

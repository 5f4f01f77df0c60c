package dev.kibitz.orchestrator.mesh;

import dev.kibitz.modelserver.client.Forwarder;
import dev.kibitz.orchestrator.step.ModelCatalog;
import dev.kibitz.proto.v1.ModelDescription;
import dev.kibitz.proto.v1.TensorSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The models the model server serves, asked (ListModels, DescribeModel) and remembered. */
public final class MeshModelCatalog implements ModelCatalog {
  private final Forwarder client;
  private final Map<String, Optional<ModelInfo>> known = new ConcurrentHashMap<>();

  public MeshModelCatalog(Forwarder client) {
    this.client = client;
  }

  @Override
  public Optional<ModelInfo> model(String name) {
    return known.computeIfAbsent(name, this::fetch);
  }

  @Override
  public List<String> names() {
    return client.models();
  }

  private Optional<ModelInfo> fetch(String name) {
    if (!names().contains(name)) {
      return Optional.empty();
    }
    ModelDescription d = client.describe(name);
    return Optional.of(new ModelInfo(name, d.getSummary().getDefaultCheckpoint(), d.getSummary().getCheckpointsList().stream().map(c -> c.getName()).toList(),
        d.getHookPointsList().stream().map(TensorSpec::getName).toList()));
  }
}

package dev.kibitz.modelserver.packages;

import dev.kibitz.core.KibitzException;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelEntry;
import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.core.modelpackage.ModelPackage;
import dev.kibitz.core.modelpackage.PackageManifest;
import dev.kibitz.core.modelpackage.PackagedModel;
import dev.kibitz.core.modelpackage.ParityReport;
import java.nio.file.Path;
import java.util.List;

/**
 * Serves users' TorchScript model packages next to the zoo: loads and checks one (at start from
 * config, or on request), registers it under its manifest name, and reruns its parity guard on
 * demand. No transport types; the gRPC adapter calls in.
 */
public final class ModelPackages {
  private final ModelRegistry registry;
  private final boolean allowParityFailure;

  /** @param allowParityFailure serve every package even when parity fails (server-wide override) */
  public ModelPackages(ModelRegistry registry, boolean allowParityFailure) {
    this.registry = registry;
    this.allowParityFailure = allowParityFailure;
  }

  /**
   * Loads, checks and registers the package at {@code directory}.
   *
   * @throws KibitzException INVALID_ARGUMENT (bad package), FAILED_PRECONDITION (parity),
   *     ALREADY_EXISTS (name taken)
   */
  public PackagedModel add(Path directory, boolean allowFailure) {
    PackageManifest manifest = PackageManifest.read(directory.toAbsolutePath().normalize());
    if (registry.list().stream().anyMatch(e -> e.name().equals(manifest.name()))) {
      throw KibitzException.alreadyExists("model '" + manifest.name() + "' is already registered (package "
          + directory + ")");
    }
    ModelPackage.ParityPolicy policy = allowFailure || allowParityFailure ? ModelPackage.ParityPolicy.ALLOW_FAILURE
        : ModelPackage.ParityPolicy.MANIFEST;
    PackagedModel model = ModelPackage.load(directory, registry.device(), policy);
    PackageManifest m = model.manifest();
    ModelEntry entry = new ModelEntry(m.name(), m.description(),
        List.of(new ModelEntry.Checkpoint(m.checkpoint(), "TorchScript package at " + m.directory())),
        m.checkpoint(), modelCard(model), (checkpoint, device) -> ModelPackage.load(m.directory(), device, policy));
    try {
      registry.registerLoaded(entry, model);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  /** Reruns the parity guard of a served package. */
  public ParityReport checkParity(String modelName) {
    ModelEntry entry = registry.entry(modelName);
    HookedModel model = registry.model(modelName, entry.defaultCheckpoint());
    if (!(model instanceof PackagedModel p)) {
      throw KibitzException.precondition("model '" + modelName + "' is not a TorchScript package; parity compares "
          + "a package with the PyTorch outputs recorded at export");
    }
    if (p.manifest().referenceFile() == null) {
      throw KibitzException.precondition("package '" + modelName + "' has no reference file to check against");
    }
    return p.checkParity();
  }

  private static String modelCard(PackagedModel model) {
    PackageManifest m = model.manifest();
    StringBuilder b = new StringBuilder("# ").append(m.name()).append("\n\n").append(m.description()).append("\n\n")
        .append("TorchScript package loaded from `").append(m.directory()).append("`.\n\n## Stages\n\n");
    for (PackageManifest.Stage s : m.stages()) {
      b.append("* `").append(s.name()).append("` (").append(s.file()).append(")")
          .append(s.hook() == null ? " -> outputs" : " -> hook `" + s.hook().name() + "`").append('\n');
    }
    b.append("\n## Provenance\n\n`").append(m.provenance()).append("`\n");
    if (model.parity() != null) {
      b.append("\n## Parity at load\n\n").append(model.parity().summary()).append('\n');
    }
    return b.toString();
  }
}

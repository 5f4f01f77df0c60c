package dev.kibitz.core.modelpackage;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.kibitz.core.model.BlockHookedModel;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.tensor.TensorSpec;
import java.util.List;
import java.util.Set;

/**
 * A model package loaded through DJL's PyTorch engine: its TorchScript stages chained with hook
 * points, the manifest it came from, and the parity report measured at load.
 */
public final class PackagedModel implements HookedModel {
  private final PackageManifest manifest;
  private final BlockHookedModel model;
  private volatile ParityReport parity;

  PackagedModel(PackageManifest manifest, BlockHookedModel model) {
    this.manifest = manifest;
    this.model = model;
  }

  public PackageManifest manifest() {
    return manifest;
  }

  /** The report of the last parity check (at load, or on demand), or null before the first. */
  public ParityReport parity() {
    return parity;
  }

  /** Runs the package's reference inputs and compares with the recorded PyTorch results. */
  public ParityReport checkParity() {
    ParityReport report = ParityCheck.run(this);
    parity = report;
    return report;
  }

  @Override
  public String name() {
    return model.name();
  }

  @Override
  public String checkpoint() {
    return model.checkpoint();
  }

  @Override
  public List<TensorSpec> inputs() {
    return model.inputs();
  }

  @Override
  public List<TensorSpec> outputs() {
    return model.outputs();
  }

  @Override
  public List<TensorSpec> hookPoints() {
    return model.hookPoints();
  }

  @Override
  public Set<String> readOnlyHooks() {
    return manifest.readOnlyHooks();
  }

  @Override
  public NDManager manager() {
    return model.manager();
  }

  @Override
  public NDList forward(NDList inputs) {
    return model.forward(inputs);
  }

  @Override
  public void close() {
    model.close();
  }
}

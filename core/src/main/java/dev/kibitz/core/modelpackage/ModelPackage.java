package dev.kibitz.core.modelpackage;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import dev.kibitz.core.KibitzException;
import dev.kibitz.core.model.BlockHookedModel;
import dev.kibitz.core.tensor.Shapes;
import dev.kibitz.core.tensor.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loads a model package (docs/byo-models.md): reads and checks the manifest, loads every stage as
 * a TorchScript module onto the device, chains them with hook points, runs one dummy forward to
 * check the declared hook and output shapes, then the parity guard. Every problem is reported
 * here, at load, never at a first request.
 */
public final class ModelPackage {
  private ModelPackage() {}

  /** What to do when the reference parity check fails. */
  public enum ParityPolicy {
    /** As the manifest says (parity.enforce, default true). */
    MANIFEST,
    /** Load anyway; the report still says what failed. */
    ALLOW_FAILURE
  }

  /**
   * @throws KibitzException INVALID_ARGUMENT for a malformed package, FAILED_PRECONDITION when the
   *     outputs differ from the recorded PyTorch outputs past the tolerance and parity is enforced
   */
  public static PackagedModel load(Path directory, Device device, ParityPolicy policy) {
    Path dir = directory.toAbsolutePath().normalize();
    PackageManifest m = PackageManifest.read(dir);
    String where = "model package '" + m.name() + "' (" + dir + ")";
    NDManager manager = NDManager.newBaseManager(device, "PyTorch");
    PackagedModel model;
    try {
      List<TorchScriptStage> modules = new ArrayList<>();
      for (PackageManifest.Stage s : m.stages()) {
        modules.add(new TorchScriptStage(s.name(), s.file(), loadModule(where, s, dir, (PtNDManager) manager)));
      }
      StageChain chain = new StageChain(m.stages(), modules, m.outputs().size());
      BlockHookedModel block;
      try {
        block = new BlockHookedModel(m.name(), m.checkpoint(), chain, manager, m.inputs(), m.outputs());
      } catch (RuntimeException e) {
        throw KibitzException.invalid(where + ": the check forward (batch of 1, zero inputs) failed: "
            + TorchScriptStage.firstLine(e.getMessage()));
      }
      checkShapes(where, m, block);
      model = new PackagedModel(m, block);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
    if (m.referenceFile() != null) {
      ParityReport report = model.checkParity();
      boolean enforce = policy == ParityPolicy.MANIFEST && m.parity().enforce();
      if (!report.passed() && enforce) {
        model.close();
        throw KibitzException.precondition(where + ": outputs differ from the recorded PyTorch outputs: "
            + report.summary() + " (allow with parity.enforce=false in the manifest or the server's "
            + "allow-parity-failure setting)");
      }
    }
    return model;
  }

  private static PtSymbolBlock loadModule(String where, PackageManifest.Stage s, Path dir, PtNDManager manager) {
    try {
      PtSymbolBlock block = JniUtils.loadModule(manager, dir.resolve(s.file()), true, new String[0], new String[0],
          false);
      JniUtils.enableInferenceMode(block);
      return block;
    } catch (EngineException | IllegalArgumentException e) {
      throw KibitzException.invalid(where + ": stage '" + s.name() + "': " + s.file()
          + " is not a loadable TorchScript module: " + TorchScriptStage.firstLine(e.getMessage()));
    }
  }

  /** Declared hook and output specs against the ones the check forward measured. */
  private static void checkShapes(String where, PackageManifest m, BlockHookedModel block) {
    List<String> problems = new ArrayList<>();
    List<TensorSpec> declared = new ArrayList<>();
    for (PackageManifest.Stage s : m.stages()) {
      declared.addAll(s.extras());
      if (s.hook() != null) {
        declared.add(s.hook());
      }
    }
    compare("hook", declared, block.hookPoints(), problems);
    compare("output", m.outputs(), block.outputs(), problems);
    if (!problems.isEmpty()) {
      throw KibitzException.invalid(where + ": " + String.join("; ", problems));
    }
  }

  private static void compare(String kind, List<TensorSpec> declared, List<TensorSpec> measured,
      List<String> problems) {
    for (int i = 0; i < declared.size(); i++) {
      TensorSpec d = declared.get(i);
      TensorSpec a = measured.get(i);
      if (!Arrays.equals(d.shape(), a.shape()) || d.dtype() != a.dtype()) {
        problems.add(kind + " '" + d.name() + "' is declared " + d.dtype().name().toLowerCase() + " "
            + Shapes.format(d.shape()) + " but the stages produce " + a.dtype().name().toLowerCase() + " "
            + Shapes.format(a.shape()));
      }
    }
  }
}

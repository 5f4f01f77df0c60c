package dev.kibitz.core.modelpackage;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.kibitz.core.KibitzException;
import java.util.ArrayList;
import java.util.List;

/**
 * One stage of a model package: a TorchScript module called with positional tensors, returning a
 * tensor or a tuple/list of tensors, flattened into an NDList in order. Calls the module's IValue
 * forward directly rather than {@code PtSymbolBlock.forward(NDList)}, whose input packing reads
 * meaning into array names (a dotted name becomes a dict key) and whose first call locks.
 */
final class TorchScriptStage extends AbstractBlock {
  private final String stageName;
  private final String file;
  private final PtSymbolBlock module;

  TorchScriptStage(String stageName, String file, PtSymbolBlock module) {
    this.stageName = stageName;
    this.file = file;
    this.module = module;
  }

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    PtNDManager manager = (PtNDManager) inputs.head().getManager();
    IValue[] args = new IValue[inputs.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = IValue.from((PtNDArray) inputs.get(i));
    }
    try (IValue result = module.forward(args)) {
      return unpack(result, manager);
    } catch (EngineException e) {
      throw KibitzException.invalid("stage '" + stageName + "' (" + file + ") failed on inputs "
          + inputs.getShapes().length + "x" + java.util.Arrays.toString(inputs.getShapes()) + ": "
          + firstLine(e.getMessage()));
    } finally {
      for (IValue a : args) {
        a.close();
      }
    }
  }

  private NDList unpack(IValue result, PtNDManager manager) {
    if (result.isTensor()) {
      return new NDList(result.toTensor(manager));
    }
    if (result.isTuple() || result.isList()) {
      IValue[] items = result.isTuple() ? result.toIValueTuple() : result.toIValueArray();
      List<NDArray> out = new ArrayList<>();
      try {
        for (IValue v : items) {
          if (!v.isTensor()) {
            throw KibitzException.invalid("stage '" + stageName + "' (" + file + ") returned a " + result.getType()
                + "; a stage returns a tensor or a tuple of tensors");
          }
          out.add(v.toTensor(manager));
        }
      } finally {
        for (IValue v : items) {
          v.close();
        }
      }
      return new NDList(out);
    }
    throw KibitzException.invalid("stage '" + stageName + "' (" + file + ") returned a " + result.getType()
        + "; a stage returns a tensor or a tuple of tensors");
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String trimmed = message.strip();
    int nl = trimmed.indexOf('\n');
    return nl < 0 ? trimmed : trimmed.substring(0, nl);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    throw new UnsupportedOperationException("TorchScript stage shapes are measured by a forward pass");
  }
}

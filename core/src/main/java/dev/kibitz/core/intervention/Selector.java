package dev.kibitz.core.intervention;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.Shapes;
import dev.kibitz.core.tensor.TensorSpec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Which elements of a hook point's activation an intervention touches. Each part that is set
 * narrows the selection (they intersect); an empty selector selects everything.
 *
 * @param channels indices on axis 0 of the per-example shape (channel or feature axis)
 * @param positions (row, col) pairs on the last two axes
 * @param flatIndices indices into the C-order flattening of the per-example shape
 * @param mask BOOL tensor of the per-example shape, or null
 * @param examples batch rows to touch; empty means all
 */
public record Selector(int[] channels, List<Position> positions, long[] flatIndices, HostTensor mask, int[] examples) {

  public static final Selector ALL = new Selector(new int[0], List.of(), new long[0], null, new int[0]);

  /** A (row, col) square on the last two axes of a hook point. */
  public record Position(int row, int col) {}

  public Selector {
    channels = channels.clone();
    positions = List.copyOf(positions);
    flatIndices = flatIndices.clone();
    examples = examples.clone();
  }

  public static Selector channels(int... channels) {
    return new Selector(channels, List.of(), new long[0], null, new int[0]);
  }

  public static Selector positions(Position... positions) {
    return new Selector(new int[0], List.of(positions), new long[0], null, new int[0]);
  }

  public static Selector flatIndices(long... indices) {
    return new Selector(new int[0], List.of(), indices, null, new int[0]);
  }

  public static Selector mask(HostTensor mask) {
    return new Selector(new int[0], List.of(), new long[0], mask, new int[0]);
  }

  public Selector withChannels(int... c) {
    return new Selector(c, positions, flatIndices, mask, examples);
  }

  public Selector withPositions(Position... p) {
    return new Selector(channels, List.of(p), flatIndices, mask, examples);
  }

  public Selector withExamples(int... e) {
    return new Selector(channels, positions, flatIndices, mask, e);
  }

  @Override
  public int[] channels() {
    return channels.clone();
  }

  @Override
  public long[] flatIndices() {
    return flatIndices.clone();
  }

  @Override
  public int[] examples() {
    return examples.clone();
  }

  public boolean selectsAllElements() {
    return channels.length == 0 && positions.isEmpty() && flatIndices.length == 0 && mask == null;
  }

  public boolean selectsAllExamples() {
    return examples.length == 0;
  }

  /** Adds a message for every part out of range for {@code hook}. */
  public void validate(TensorSpec hook, String what, List<String> problems) {
    long[] s = hook.shape();
    if (channels.length > 0) {
      if (s.length == 0) {
        problems.add(what + ": channel selector needs a hook with at least one axis, '" + hook.name()
            + "' is a scalar");
      } else {
        for (int c : channels) {
          if (c < 0 || c >= s[0]) {
            problems.add(what + ": channel " + c + " is out of range [0, " + s[0] + ") for hook '" + hook.name()
                + "' of shape " + Shapes.format(s));
          }
        }
      }
    }
    if (!positions.isEmpty()) {
      if (s.length < 2) {
        problems.add(what + ": position selector needs a hook of rank >= 2, '" + hook.name() + "' has shape "
            + Shapes.format(s));
      } else {
        long rows = s[s.length - 2];
        long cols = s[s.length - 1];
        for (Position p : positions) {
          if (p.row() < 0 || p.row() >= rows || p.col() < 0 || p.col() >= cols) {
            problems.add(what + ": position (" + p.row() + ", " + p.col() + ") is outside the " + rows + "x" + cols
                + " grid of hook '" + hook.name() + "'");
          }
        }
      }
    }
    long n = hook.elements();
    for (long i : flatIndices) {
      if (i < 0 || i >= n) {
        problems.add(what + ": flat index " + i + " is out of range [0, " + n + ") for hook '" + hook.name() + "'");
      }
    }
    if (mask != null && (mask.dtype() != DType.BOOL || !Arrays.equals(mask.shape(), s))) {
      problems.add(what + ": mask must be BOOL of shape " + Shapes.format(s) + " for hook '" + hook.name()
          + "', got " + mask.dtype() + " " + Shapes.format(mask.shape()));
    }
    for (int e : examples) {
      if (e < 0) {
        problems.add(what + ": example index " + e + " is negative");
      }
    }
  }

  /** Adds a message if an example index is not in a batch of {@code batchSize}. */
  public void validateBatch(long batchSize, String what, List<String> problems) {
    for (int e : examples) {
      if (e >= batchSize) {
        problems.add(what + ": example index " + e + " is out of range for a batch of " + batchSize);
      }
    }
  }

  /** The per-example element mask (BOOL, hook shape), or null when every element is selected. */
  public HostTensor elementMask(TensorSpec hook) {
    if (selectsAllElements()) {
      return null;
    }
    long[] s = hook.shape();
    int n = Math.toIntExact(hook.elements());
    BitSet keep = new BitSet(n);
    keep.set(0, n);
    if (channels.length > 0) {
      BitSet inChannel = new BitSet(n);
      int perChannel = n / (int) s[0];
      for (int c : channels) {
        inChannel.set(c * perChannel, (c + 1) * perChannel);
      }
      keep.and(inChannel);
    }
    if (!positions.isEmpty()) {
      BitSet atPosition = new BitSet(n);
      int cols = (int) s[s.length - 1];
      int plane = (int) s[s.length - 2] * cols;
      for (Position p : positions) {
        for (int base = 0; base < n; base += plane) {
          atPosition.set(base + p.row() * cols + p.col());
        }
      }
      keep.and(atPosition);
    }
    if (flatIndices.length > 0) {
      BitSet flat = new BitSet(n);
      for (long i : flatIndices) {
        flat.set((int) i);
      }
      keep.and(flat);
    }
    if (mask != null) {
      boolean[] m = mask.toBools();
      for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
        if (!m[i]) {
          keep.clear(i);
        }
      }
    }
    ByteBuffer bytes = ByteBuffer.allocateDirect(n);
    for (int i = 0; i < n; i++) {
      bytes.put((byte) (keep.get(i) ? 1 : 0));
    }
    bytes.flip();
    return new HostTensor(DType.BOOL, s, bytes);
  }
}

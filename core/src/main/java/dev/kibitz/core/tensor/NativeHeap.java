package dev.kibitz.core.tensor;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C library's heap, where libtorch allocates tensor storage. glibc raises its mmap threshold each
 * time a large buffer is freed, so later 1-32 MiB tensors are carved from the heap, and pages freed
 * there stay resident: a long training loop's resident memory creeps up by the size of its largest
 * intermediates. {@link #releaseFreePages()} hands those free pages back to the kernel.
 */
public final class NativeHeap {
  private interface LibC extends Library {
    int malloc_trim(long pad);
  }

  private static final LibC LIBC = load();

  private NativeHeap() {}

  private static LibC load() {
    if (!Platform.isLinux()) {
      return null;
    }
    try {
      return Native.load("c", LibC.class);
    } catch (UnsatisfiedLinkError e) {
      return null; // musl or no libc.so.6: nothing to trim with
    }
  }

  /** Whether this platform's allocator can be asked to release free pages (glibc on Linux). */
  public static boolean canRelease() {
    if (LIBC == null) {
      return false;
    }
    try {
      LIBC.malloc_trim(Long.MAX_VALUE); // a pad larger than any heap: checks the symbol, trims nothing
      return true;
    } catch (UnsatisfiedLinkError e) {
      return false;
    }
  }

  /**
   * Returns the free pages of every malloc arena to the kernel ({@code malloc_trim(0)}); a no-op where
   * the allocator cannot. Costs a walk of the free lists and the page faults of reusing those pages,
   * so call it every few dozen steps, not every step.
   *
   * @return whether any memory was released
   */
  public static boolean releaseFreePages() {
    if (LIBC == null) {
      return false;
    }
    try {
      return LIBC.malloc_trim(0) == 1;
    } catch (UnsatisfiedLinkError e) {
      return false;
    }
  }
}

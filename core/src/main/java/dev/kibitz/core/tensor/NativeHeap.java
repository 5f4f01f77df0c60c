package dev.kibitz.core.tensor;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
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
      NativeLibrary.getInstance("c").getFunction("malloc_trim"); // a C library without it (musl) throws here
      return Native.load("c", LibC.class);
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
  }

  /** Whether this platform's allocator can be asked to release free pages (glibc on Linux). */
  public static boolean canRelease() {
    return LIBC != null;
  }

  /**
   * Returns the free pages of every malloc arena to the kernel ({@code malloc_trim(0)}); a no-op where
   * the allocator cannot. Costs a walk of the free lists and the page faults of reusing those pages,
   * so call it every few dozen steps, not every step.
   *
   * @return whether any memory was released
   */
  public static boolean releaseFreePages() {
    return LIBC != null && LIBC.malloc_trim(0) == 1;
  }

  /** This process's resident memory (VmRSS) in KiB, from /proc/self/status (Linux). */
  public static long residentKib() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read /proc/self/status", e);
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}

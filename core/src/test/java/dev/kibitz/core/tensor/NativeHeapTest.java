package dev.kibitz.core.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

/** Freed heap memory that glibc keeps resident is handed back by {@link NativeHeap#releaseFreePages()}. */
class NativeHeapTest {
  private static final int BLOCK = 64 * 1024; // below glibc's initial mmap threshold: carved from the heap
  private static final int BLOCKS = 2048; // 128 MiB

  @Test
  void freedHeapPagesLeaveResidentMemoryOnlyWhenReleased() throws Exception {
    assumeTrue(Platform.isLinux(), "glibc's malloc_trim is a Linux call");
    assertTrue(NativeHeap.canRelease(), "glibc on Linux must offer malloc_trim");
    long[] blocks = new long[BLOCKS];
    for (int i = 0; i < BLOCKS; i++) {
      blocks[i] = Native.malloc(BLOCK);
      for (int off = 0; off < BLOCK; off += 4096) {
        new com.sun.jna.Pointer(blocks[i] + off).setByte(0, (byte) 1); // touch every page
      }
    }
    // Free all but the last: it pins the heap's top, so free() alone cannot shrink the heap.
    for (int i = 0; i < BLOCKS - 1; i++) {
      Native.free(blocks[i]);
    }
    long heldFree = NativeHeap.residentKib();
    NativeHeap.releaseFreePages();
    long released = heldFree - NativeHeap.residentKib();
    Native.free(blocks[BLOCKS - 1]);
    assertTrue(released >= 100 * 1024, "released only " + released + " KiB of 128 MiB freed but resident");
  }
}

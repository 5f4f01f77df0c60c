package dev.kibitz.games.training;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Two facts of DJL's PyTorch engine that training off the main thread runs into. PyTorch's grad mode is
 * per thread and on in threads DJL did not set up, and an in-place update of a weight that requires a
 * gradient is refused while it is on: updates run with it off ({@link #withoutGrad}). And only one
 * {@code GradientCollector} may be open in the JVM at a time: trainers take {@link #collect} around theirs,
 * so two training steps in one orchestrator wait for each other instead of failing.
 */
public final class Autograd {
  private static final ReentrantLock COLLECTING = new ReentrantLock();

  private Autograd() {}

  /** Runs {@code update} with grad mode off in this thread, restoring it after. */
  public static void withoutGrad(Runnable update) {
    boolean was = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      update.run();
    } finally {
      JniUtils.setGradMode(was);
    }
  }

  /** Runs {@code work} (which opens a gradient collector) while no other thread does. */
  public static <T> T collect(Supplier<T> work) {
    COLLECTING.lock();
    try {
      return work.get();
    } finally {
      COLLECTING.unlock();
    }
  }
}

package dev.kibitz.games.chess.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A fixed set of engine processes shared by threads: borrow one, use it alone, give it back. An engine that
 * died while borrowed is restarted when it comes back, so the pool keeps its size. {@link #close()} quits
 * every engine, borrowed or not.
 */
public final class EnginePool implements AutoCloseable {
  private final List<UciEngine> engines = new ArrayList<>();
  private final BlockingQueue<UciEngine> idle = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  /** Starts {@code size} engines; if one fails to start, the started ones are closed and the error is thrown. */
  public EnginePool(int size, EngineSettings settings) {
    if (size < 1) {
      throw new IllegalArgumentException("an engine pool needs at least 1 engine, got " + size);
    }
    try {
      for (int i = 0; i < size; i++) {
        UciEngine e = new UciEngine(settings);
        engines.add(e);
        idle.add(e);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public int size() {
    return engines.size();
  }

  /** An engine for the caller's sole use, waiting up to {@code timeout} for one to be free. */
  public UciEngine borrow(Duration timeout) {
    if (closed) {
      throw new IllegalStateException("engine pool is closed");
    }
    try {
      UciEngine e = idle.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new EngineTimeoutException("all " + engines.size() + " engines stayed busy for " + timeout);
      }
      return e;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted waiting for an engine", ex);
    }
  }

  /** Returns a borrowed engine, restarting it first if its process has died. */
  public void giveBack(UciEngine engine) {
    if (closed) {
      return;
    }
    if (!engine.isAlive()) {
      try {
        engine.ensureRunning();
      } catch (RuntimeException restartFailed) {
        // it goes back anyway; its next call tries again and reports the failure to that caller
      }
    }
    idle.add(engine);
  }

  /** Runs {@code work} on a borrowed engine and gives it back, whatever happens. */
  public <T> T withEngine(Duration timeout, Function<UciEngine, T> work) {
    UciEngine e = borrow(timeout);
    try {
      return work.apply(e);
    } finally {
      giveBack(e);
    }
  }

  /** The engines' current processes (for monitoring, and for checking that close left none behind). */
  public List<ProcessHandle> processes() {
    return engines.stream().map(UciEngine::processHandle).toList();
  }

  @Override
  public void close() {
    closed = true;
    engines.forEach(UciEngine::close);
    idle.clear();
  }
}

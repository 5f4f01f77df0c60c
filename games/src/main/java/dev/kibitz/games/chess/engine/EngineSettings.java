package dev.kibitz.games.chess.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a UCI engine process. One search thread by default: with one thread and a fixed depth or node
 * count Stockfish is reproducible.
 *
 * @param binary the engine executable
 * @param threads UCI "Threads"
 * @param hashMb UCI "Hash" in MiB
 * @param callTimeout how long one call (handshake, search, eval) may take before it fails
 * @param quitGrace how long {@code quit} may take before the process is destroyed
 */
public record EngineSettings(Path binary, int threads, int hashMb, Duration callTimeout, Duration quitGrace) {

  /** Where Debian's {@code stockfish} package installs the engine. */
  public static final Path DEBIAN_STOCKFISH = Path.of("/usr/games/stockfish");

  /** Stockfish from {@code $KIBITZ_STOCKFISH} or the Debian path; one thread, 16 MiB hash, 60 s per call. */
  public static EngineSettings stockfish() {
    String override = System.getenv("KIBITZ_STOCKFISH");
    Path binary = override == null || override.isBlank() ? DEBIAN_STOCKFISH : Path.of(override);
    return new EngineSettings(binary, 1, 16, Duration.ofSeconds(60), Duration.ofSeconds(2));
  }

  public EngineSettings withCallTimeout(Duration timeout) {
    return new EngineSettings(binary, threads, hashMb, timeout, quitGrace);
  }
}

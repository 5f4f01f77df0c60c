package dev.kibitz.games.chess.engine;

/** The engine could not answer: not installed, exited, or gave no reply in time. Bad input is an IllegalArgumentException. */
public class EngineException extends RuntimeException {
  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}

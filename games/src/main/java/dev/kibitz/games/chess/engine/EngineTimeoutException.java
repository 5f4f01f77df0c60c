package dev.kibitz.games.chess.engine;

/** The engine is alive but did not reply within the call's timeout. */
public final class EngineTimeoutException extends EngineException {
  public EngineTimeoutException(String message) {
    super(message);
  }
}

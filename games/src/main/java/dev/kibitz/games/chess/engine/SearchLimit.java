package dev.kibitz.games.chess.engine;

import java.time.Duration;

/** When a search stops: the argument of UCI {@code go}. */
public sealed interface SearchLimit {

  /** The {@code go} arguments, e.g. "depth 12". */
  String goArguments();

  static SearchLimit depth(int plies) {
    return new Depth(plies);
  }

  static SearchLimit moveTime(Duration time) {
    return new MoveTime(time);
  }

  static SearchLimit nodes(long nodes) {
    return new Nodes(nodes);
  }

  record Depth(int plies) implements SearchLimit {
    public Depth {
      if (plies < 1) {
        throw new IllegalArgumentException("search depth must be >= 1, got " + plies);
      }
    }

    @Override
    public String goArguments() {
      return "depth " + plies;
    }
  }

  record MoveTime(Duration time) implements SearchLimit {
    public MoveTime {
      if (time.toMillis() < 1) {
        throw new IllegalArgumentException("move time must be >= 1 ms, got " + time);
      }
    }

    @Override
    public String goArguments() {
      return "movetime " + time.toMillis();
    }
  }

  record Nodes(long nodes) implements SearchLimit {
    public Nodes {
      if (nodes < 1) {
        throw new IllegalArgumentException("node limit must be >= 1, got " + nodes);
      }
    }

    @Override
    public String goArguments() {
      return "nodes " + nodes;
    }
  }
}

package dev.kibitz.games.chess.engine;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import java.time.Duration;
import java.util.List;

/**
 * What Kibitz asks of Stockfish, over an {@link EnginePool}: a move at a set strength, a fixed-depth
 * evaluation, the centipawn loss of a move, and the classical evaluation terms. Every analysis starts with
 * {@code ucinewgame} at full strength so that, with one thread, the same question gets the same answer.
 * Inputs are validated with our own rules first; bad ones are an {@link IllegalArgumentException}.
 */
public final class Stockfish implements AutoCloseable {
  public static final int MIN_ELO = 1350;
  public static final int MAX_ELO = 2850;

  private final EnginePool pool;
  private final Duration borrowTimeout;

  public Stockfish(EnginePool pool, Duration borrowTimeout) {
    this.pool = pool;
    this.borrowTimeout = borrowTimeout;
  }

  /** A pool of {@code engines} Stockfish processes with {@link EngineSettings#stockfish()}. */
  public static Stockfish start(int engines) {
    return new Stockfish(new EnginePool(engines, EngineSettings.stockfish()), Duration.ofMinutes(5));
  }

  /**
   * The move Stockfish plays at {@code elo} (UCI_LimitStrength), searching until {@code limit}. Weakened play
   * is random by design, so the same call can give different moves.
   */
  public Move play(String fen, int elo, SearchLimit limit) {
    if (elo < MIN_ELO || elo > MAX_ELO) {
      throw new IllegalArgumentException("UCI_Elo " + elo + " is outside Stockfish's range " + MIN_ELO + ".." + MAX_ELO);
    }
    return pool.withEngine(borrowTimeout, e -> {
      e.setOption("UCI_LimitStrength", "true");
      e.setOption("UCI_Elo", String.valueOf(elo));
      e.newGame();
      return e.search(fen, List.of(), limit, List.of()).bestMove()
          .orElseThrow(() -> new IllegalArgumentException("no legal move in " + fen));
    });
  }

  /** The move Stockfish plays at full strength within {@code limit} (a node budget makes a weaker player). */
  public Move best(String fen, SearchLimit limit) {
    return pool.withEngine(borrowTimeout, e -> analyse(e, fen, limit, List.of())).bestMove()
        .orElseThrow(() -> new IllegalArgumentException("no legal move in " + fen));
  }

  /** Full-strength search to {@code depth}: best move, score from the side to move's view (cp or mate), PV. */
  public Analysis evaluate(String fen, int depth) {
    return pool.withEngine(borrowTimeout, e -> analyse(e, fen, SearchLimit.depth(depth), List.of()));
  }

  /**
   * How much worse {@code move} is than the best move, in centipawns from the mover's view, both searched to
   * {@code depth} from the same root: the best score, minus the score of a search restricted to {@code move}
   * with UCI {@code searchmoves}. Searching from the root rather than evaluating the child position keeps both
   * scores at the same depth with the same side to move. The loss is 0 for the engine's own best move and
   * never negative (a restricted search can come out a little higher than the free one). Mates count as
   * ±{@value Score#MATE_CENTIPAWNS} less the moves to mate, so missing a mate costs about that much.
   */
  public MoveLoss centipawnLoss(String fen, Move move, int depth) {
    Position position = Position.fromFen(fen);
    if (!position.isLegal(move)) {
      throw new IllegalArgumentException("move " + move.uci() + " is not legal in " + fen);
    }
    return pool.withEngine(borrowTimeout, e -> {
      Analysis best = analyse(e, fen, SearchLimit.depth(depth), List.of());
      if (best.bestMove().orElseThrow().equals(move)) {
        return new MoveLoss(move, best, best.score(), 0);
      }
      Analysis played = analyse(e, fen, SearchLimit.depth(depth), List.of(move));
      int loss = Math.max(0, best.score().asCentipawns() - played.score().asCentipawns());
      return new MoveLoss(move, best, played.score(), loss);
    });
  }

  /** Stockfish's classical evaluation terms for {@code fen}; it gives none for a side to move in check. */
  public ClassicalEval classicalEval(String fen) {
    if (Position.fromFen(fen).inCheck()) {
      throw new IllegalArgumentException("Stockfish has no static evaluation of a position in check: " + fen);
    }
    return pool.withEngine(borrowTimeout, e -> ClassicalEval.parse(e.reply(fen, "eval")));
  }

  private static Analysis analyse(UciEngine e, String fen, SearchLimit limit, List<Move> searchMoves) {
    e.setOption("UCI_LimitStrength", "false");
    e.newGame();
    return e.search(fen, List.of(), limit, searchMoves);
  }

  @Override
  public void close() {
    pool.close();
  }

  /** The centipawn loss of {@code move}, with the best line and the score the move got. */
  public record MoveLoss(Move move, Analysis best, Score moveScore, int centipawns) {}
}

package dev.kibitz.games.chess.encode;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.core.tensor.HostTensor;
import dev.kibitz.core.tensor.TensorSpec;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.data.EloLevels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of chess states (position, mover's Elo, opponent's Elo) as the chess policy's four inputs:
 * board planes (the {@link BoardEncoder} planes, followed for a tactical policy by the
 * {@link TacticalPlanes}), the two Elo buckets one-hot, and the legal-move mask. Elo ratings outside
 * [{@link #MIN_ELO}, {@link #MAX_ELO}] and finished games (no legal move) are refused.
 */
public final class ChessEncoder {
  public static final int ELO_BUCKETS = EloLevels.COUNT;
  public static final int MIN_ELO = 1000;
  public static final int MAX_ELO = 3000;

  public static final String BOARD = "board";
  public static final String MOVER_ELO = "mover_elo";
  public static final String OPPONENT_ELO = "opponent_elo";
  public static final String LEGAL = "legal";

  private ChessEncoder() {}

  /** One state: a position and the two players' ratings. */
  public record State(Position position, int moverElo, int opponentElo) {
    public State {
      checkElo(moverElo, "mover_elo");
      checkElo(opponentElo, "opponent_elo");
      if (position.legalMoves().isEmpty()) {
        throw new IllegalArgumentException("the game is over (" + (position.inCheck() ? "checkmate" : "stalemate")
            + "): there is no move to predict in " + position.toFen());
      }
    }
  }

  /** Planes of the board input: the pieces and rights, plus the tactical planes when {@code tactical}. */
  public static int boardPlanes(boolean tactical) {
    return BoardEncoder.PLANES + (tactical ? TacticalPlanes.PLANES : 0);
  }

  public static List<TensorSpec> inputSpecs() {
    return inputSpecs(false);
  }

  public static List<TensorSpec> inputSpecs(boolean tactical) {
    return List.of(
        new TensorSpec(BOARD, DType.FLOAT32, new long[] {boardPlanes(tactical), 8, 8}, List.of("plane", "row", "col"),
            "board planes from the mover's side (see BoardEncoder" + (tactical ? ", then TacticalPlanes)" : ")")),
        new TensorSpec(MOVER_ELO, DType.FLOAT32, new long[] {ELO_BUCKETS}, List.of("bucket"),
            "mover's Elo bucket, one-hot"),
        new TensorSpec(OPPONENT_ELO, DType.FLOAT32, new long[] {ELO_BUCKETS}, List.of("bucket"),
            "opponent's Elo bucket, one-hot"),
        new TensorSpec(LEGAL, DType.FLOAT32, new long[] {MoveVocabulary.size()}, List.of("move"),
            "1 for each legal move of the vocabulary, else 0"));
  }

  public static Map<String, HostTensor> encode(List<State> states) {
    return encode(states, false);
  }

  public static Map<String, HostTensor> encode(List<State> states, boolean tactical) {
    int n = states.size();
    int planes = boardPlanes(tactical);
    float[] board = new float[n * planes * 64];
    float[] mover = new float[n * ELO_BUCKETS];
    float[] opponent = new float[n * ELO_BUCKETS];
    float[] legal = new float[n * MoveVocabulary.size()];
    for (int i = 0; i < n; i++) {
      State s = states.get(i);
      BoardEncoder.encodeInto(s.position(), board, i * planes * 64);
      if (tactical) {
        TacticalPlanes.encodeInto(s.position(), board, i * planes * 64 + BoardEncoder.SIZE);
      }
      mover[i * ELO_BUCKETS + EloLevels.bucket(s.moverElo())] = 1;
      opponent[i * ELO_BUCKETS + EloLevels.bucket(s.opponentElo())] = 1;
      boolean[] mask = MoveVocabulary.legalMask(s.position());
      for (int m = 0; m < mask.length; m++) {
        legal[i * MoveVocabulary.size() + m] = mask[m] ? 1 : 0;
      }
    }
    Map<String, HostTensor> out = new LinkedHashMap<>();
    out.put(BOARD, HostTensor.ofFloats(new long[] {n, planes, 8, 8}, board));
    out.put(MOVER_ELO, HostTensor.ofFloats(new long[] {n, ELO_BUCKETS}, mover));
    out.put(OPPONENT_ELO, HostTensor.ofFloats(new long[] {n, ELO_BUCKETS}, opponent));
    out.put(LEGAL, HostTensor.ofFloats(new long[] {n, MoveVocabulary.size()}, legal));
    return out;
  }

  private static void checkElo(int elo, String what) {
    if (elo < MIN_ELO || elo > MAX_ELO) {
      throw new IllegalArgumentException(what + " " + elo + " is outside [" + MIN_ELO + ", " + MAX_ELO + "]");
    }
  }
}

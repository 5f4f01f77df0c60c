package dev.kibitz.games.chess.concepts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.chess.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hand-made positions the concept tests check exact values on. {@link #ALL} is also the set over which
 * {@code ConceptLibraryTest} requires every concept to take at least two values.
 */
final class HandMadePositions {
  private HandMadePositions() {}

  static final String START = Position.START_FEN;
  /** A white rook on d4, kings in the corners: white attacks the d-file, the 4th rank and h1's neighbours. */
  static final String LONE_ROOK = "k7/8/8/8/3R4/8/8/7K w - - 0 1";
  /** Nd5-c7 forks the king on e8 and the rook on a8. */
  static final String KNIGHT_FORK = "r3k3/8/8/3N4/8/8/8/4K3 w - - 0 1";
  /** After Nc7+: black to move, in check, forked. */
  static final String KNIGHT_FORKING = "r3k3/2N5/8/8/8/8/8/4K3 b - - 0 1";
  /** d3-d4 forks the rook on c5 and the knight on e5; the d3 pawn hangs to the knight. */
  static final String PAWN_FORK = "4k3/8/8/2r1n3/8/3P4/8/4K3 w - - 0 1";
  /** The d5 knight already forks the rooks on c7 and f6; the white king has left its first rank. */
  static final String KNIGHT_FORKS_ROOKS = "4k3/2r5/5r2/3N4/8/8/1K6/8 w - - 0 1";
  /** The black bishop on a5 pins the knight on d2 to the white king on e1. */
  static final String ABSOLUTE_PIN = "4k3/8/8/b7/8/8/3N4/4K3 w - - 0 1";
  /** The same bishop pins the knight on d2 to the white queen on e1. */
  static final String PIN_TO_QUEEN = "7k/8/8/b7/8/8/3N4/4QK2 w - - 0 1";
  /** The white rook on d1 attacks the undefended black queen on d5, which attacks the defended rook. */
  static final String HANGING_QUEEN = "4k3/8/8/3q4/8/8/8/3RK3 w - - 0 1";
  /** The white queen on e2 is pinned to its king by the rook on e7, attacked by it, and defended by the king. */
  static final String QUEEN_PINNED = "4k3/4r3/8/8/8/8/4Q3/4K3 w - - 0 1";
  /** The queens on d1 and d5 attack each other; only white's is defended (by its king). */
  static final String QUEENS_FACING = "4k3/8/8/3q4/8/8/8/3QK3 w - - 0 1";
  /** The pinned-queen position with black to move. */
  static final String QUEEN_PINNED_BLACK = "4k3/4r3/8/8/8/8/4Q3/4K3 b - - 0 1";
  /** The pin-to-queen position with black to move. */
  static final String PIN_TO_QUEEN_BLACK = "7k/8/8/b7/8/8/3N4/4QK2 b - - 0 1";
  /** White: a2, c2+c4 doubled, isolated e5 passed, g4-h4 connected; black: isolated b7 and h7. */
  static final String PAWN_STRUCTURE = "4k3/1p5p/8/4P3/2P3PP/8/P1P5/4K3 w - - 0 1";
  /** The same pawns with black to move: own and opp trade places. */
  static final String PAWN_STRUCTURE_BLACK = "4k3/1p5p/8/4P3/2P3PP/8/P1P5/4K3 b - - 0 1";
  /** Each side's pawn one step from promotion; both passed. */
  static final String SEVENTH_RANK_PAWNS = "4k3/1P6/8/8/8/8/6p1/4K3 w - - 0 1";
  /** d4 and d5 block each other. */
  static final String BLOCKED_PAWNS = "4k3/8/8/3p4/3P4/8/8/4K3 w - - 0 1";
  static final String BISHOP_PAIR = "4k3/8/8/8/8/8/8/2B1KB2 w - - 0 1";
  static final String SAME_COLOUR_BISHOPS = "4k3/8/8/8/8/8/8/2B1K1B1 w - - 0 1";
  static final String OPPOSITE_BISHOPS = "2b1k3/8/8/8/8/8/8/2B1K3 w - - 0 1";
  /** White may castle kingside only, black queenside only. */
  static final String CASTLING = "r3k2r/8/8/8/8/8/8/R3K2R w Kq - 0 1";
  /** Ra8 is mate: the back rank. */
  static final String BACK_RANK_MATE_IN_ONE = "6k1/5ppp/8/8/8/8/5PPP/R5K1 w - - 0 1";
  static final String CHECKMATED = "R5k1/5ppp/8/8/8/8/5PPP/6K1 b - - 0 1";
  static final String STALEMATED = "7k/5Q2/6K1/8/8/8/8/8 b - - 0 1";
  static final String EN_PASSANT = "4k3/8/8/3pP3/8/8/8/4K3 w - d6 0 1";
  /** The rook on e8 and the knight on d3 both check the white king. */
  static final String DOUBLE_CHECK = "4r1k1/8/8/8/8/3n4/8/4K3 w - - 0 1";
  /** Any move of the e2 knight uncovers the e1 rook's check. */
  static final String DISCOVERED_CHECK = "4k3/8/8/8/8/8/4N3/4RK2 w - - 0 1";
  /** The rook on a1 checks along the first rank, so f1 is no escape though no piece attacks it now. */
  static final String RANK_CHECK = "4k3/8/8/8/8/8/8/r3K3 w - - 0 1";
  /** The rook on a2 attacks three squares of the white king's zone. */
  static final String KING_ZONE = "4k3/8/8/8/8/8/r7/4K3 w - - 0 1";
  /** Connected rooks on the open b-file, one on the seventh; a knight outpost on d5. */
  static final String ROOKS_AND_OUTPOST = "r3k3/1R6/8/3N4/2P1p3/8/8/1R2K3 w - - 0 1";
  /** A rook on the a-file, half open for white (black's a7 pawn). */
  static final String HALF_OPEN_ROOK = "4k3/p7/8/8/8/8/8/R3K3 w - - 0 1";
  static final String ROOKS_AND_OUTPOST_BLACK = "r3k3/1R6/8/3N4/2P1p3/8/8/1R2K3 b - - 0 1";
  static final String HALF_OPEN_ROOK_BLACK = "4k3/p7/8/8/8/8/8/R3K3 b - - 0 1";
  static final String KIWIPETE = "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1";
  static final String KIWIPETE_BLACK = "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R b KQkq - 0 1";
  /** After 1. e4 e5 2. Nf3 Nc6 3. Bb5 a6 4. Ba4 Nf6 5. O-O Be7: a quiet opening position, fifty-move clock 4. */
  static final String RUY_LOPEZ = "r1bqk2r/1pppbppp/p1n2n2/4p3/B3P3/5N2/PPPP1PPP/RNBQ1RK1 w kq - 4 6";

  static final List<String> ALL = List.of(START, LONE_ROOK, KNIGHT_FORK, KNIGHT_FORKING, KNIGHT_FORKS_ROOKS,
      PAWN_FORK, ABSOLUTE_PIN, PIN_TO_QUEEN, PIN_TO_QUEEN_BLACK, HANGING_QUEEN, QUEEN_PINNED, QUEEN_PINNED_BLACK,
      QUEENS_FACING, PAWN_STRUCTURE, PAWN_STRUCTURE_BLACK, SEVENTH_RANK_PAWNS,
      BLOCKED_PAWNS, BISHOP_PAIR, SAME_COLOUR_BISHOPS, OPPOSITE_BISHOPS, CASTLING, BACK_RANK_MATE_IN_ONE, CHECKMATED,
      STALEMATED, EN_PASSANT, DOUBLE_CHECK, DISCOVERED_CHECK, RANK_CHECK, KING_ZONE, ROOKS_AND_OUTPOST, ROOKS_AND_OUTPOST_BLACK, HALF_OPEN_ROOK, HALF_OPEN_ROOK_BLACK,
      KIWIPETE, KIWIPETE_BLACK, RUY_LOPEZ);

  static final ConceptLibrary LIBRARY = ConceptLibrary.pure();

  static Map<String, Double> labels(String fen) {
    return LIBRARY.valuesByName(Position.fromFen(fen));
  }

  /**
   * Asserts concepts of {@code fen} have exact values, given as name, value, name, value...; reports every
   * mismatch at once.
   */
  static void expect(String fen, Object... nameValues) {
    Map<String, Double> labels = labels(fen);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      String name = (String) nameValues[i];
      double want = ((Number) nameValues[i + 1]).doubleValue();
      Double got = labels.get(name);
      assertTrue(got != null, "no concept named " + name);
      if (Double.compare(got, want) != 0) {
        wrong.add(name + ": expected " + want + ", got " + got);
      }
    }
    assertTrue(wrong.isEmpty(), fen + "\n  " + String.join("\n  ", wrong));
  }
}

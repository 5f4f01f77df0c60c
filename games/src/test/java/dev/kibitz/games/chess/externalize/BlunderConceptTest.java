package dev.kibitz.games.chess.externalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import org.junit.jupiter.api.Test;

/** Each grouping rule on a hand-made position, blunder against sound move. */
class BlunderConceptTest {
  private static String group(String fen, String blunder, String sound) {
    Position p = Position.fromFen(fen);
    return BlunderConcept.of(fen, MoveVocabulary.index(Move.parseUci(blunder), p.sideToMove()),
        MoveVocabulary.index(Move.parseUci(sound), p.sideToMove()));
  }

  @Test
  void notPlayingTheBackRankMateMissesIt() {
    assertEquals("misses:mate_in_one_available", group("6k1/5ppp/8/8/8/8/5PPP/R5K1 w - - 0 1", "g1f1", "a1a8"));
  }

  @Test
  void leavingNoLuftAllowsTheBackRankMate() {
    // Re1# follows a2a3; after h2h3 the king has h2
    assertEquals("allows:mate_in_one_available", group("4r1k1/5ppp/8/8/8/8/P4PPP/6K1 w - - 0 1", "a2a3", "h2h3"));
  }

  @Test
  void aKnightOntoAPawnsSquareHangsIt() {
    assertEquals("allows:capture_hanging_available", group("4k3/8/3p4/8/8/5N2/8/4K3 w - - 0 1", "f3e5", "f3d4"));
  }

  @Test
  void notTakingTheLoosePieceMissesIt() {
    // the black knight on e5 is attacked by the d4 pawn and defended by nothing
    assertEquals("misses:capture_hanging_available", group("4k3/8/8/4n3/3P4/8/8/4K3 w - - 0 1", "e1d1", "d4e5"));
  }

  @Test
  void aQuietKingMoveAgainstAnotherIsOther() {
    assertEquals(BlunderConcept.OTHER, group("4k3/8/8/8/8/8/8/4K3 w - - 0 1", "e1d1", "e1f1"));
  }

  @Test
  void blackMovesAreReadInBlacksFrame() {
    // the mirror of the back-rank mate: black to move, Ra8-a1 mates
    assertEquals("misses:mate_in_one_available", group("r5k1/5ppp/8/8/8/8/5PPP/6K1 b - - 0 1", "g8f8", "a8a1"));
  }
}

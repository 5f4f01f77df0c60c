package dev.kibitz.games.chess.externalize;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.encode.MoveVocabulary;
import java.util.List;

/**
 * The concept most involved in a blunder, found by comparing the blunder with the sound move the same
 * policy plays at a high Elo. Rules in priority order (own/opp as the library defines them, from the side
 * to move of the position they are read in):
 * <ol>
 *   <li>{@code misses:mate_in_one_available}: the sound move mates, the blunder does not;</li>
 *   <li>{@code allows:mate_in_one_available}: after the blunder the opponent can mate in one, after the
 *       sound move not;</li>
 *   <li>{@code allows:capture_hanging_available}: after the blunder the opponent can take a hanging piece,
 *       after the sound move not;</li>
 *   <li>{@code misses:capture_hanging_available}: a hanging piece could be taken, the sound move captures
 *       and the blunder does not;</li>
 *   <li>{@code allows:fork_available}: after the blunder the opponent has a fork, after the sound move not;</li>
 *   <li>{@code allows:pinned_pieces_opp}: the blunder leaves more of the mover's pieces pinned;</li>
 *   <li>{@code other}.</li>
 * </ol>
 */
public final class BlunderConcept {
  public static final String OTHER = "other";
  public static final List<String> GROUPS = List.of("misses:mate_in_one_available", "allows:mate_in_one_available",
      "allows:capture_hanging_available", "misses:capture_hanging_available", "allows:fork_available",
      "allows:pinned_pieces_opp", OTHER);

  private BlunderConcept() {}

  /** The group of a blunder (vocabulary indices, mover's frame) against the sound move in {@code fen}. */
  public static String of(String fen, int blunder, int sound) {
    Position before = Position.fromFen(fen);
    Move bad = MoveVocabulary.toMove(blunder, before);
    Move good = MoveVocabulary.toMove(sound, before);
    Position afterBad = before.play(bad);
    Position afterGood = before.play(good);
    if (afterGood.isCheckmate() && !afterBad.isCheckmate()) {
      return GROUPS.get(0);
    }
    if (onlyAfterBlunder("mate_in_one_available", afterBad, afterGood)) {
      return GROUPS.get(1);
    }
    if (onlyAfterBlunder("capture_hanging_available", afterBad, afterGood)) {
      return GROUPS.get(2);
    }
    if (ConceptActions.value(before, "capture_hanging_available") > 0 && ConceptActions.isCapture(before, good)
        && !ConceptActions.isCapture(before, bad)) {
      return GROUPS.get(3);
    }
    if (onlyAfterBlunder("fork_available", afterBad, afterGood)) {
      return GROUPS.get(4);
    }
    if (ConceptActions.value(afterBad, "pinned_pieces_opp") > ConceptActions.value(afterGood, "pinned_pieces_opp")) {
      return GROUPS.get(5);
    }
    return OTHER;
  }

  /** The opponent's concept holds after the blunder and not after the sound move. */
  private static boolean onlyAfterBlunder(String concept, Position afterBad, Position afterGood) {
    return ConceptActions.value(afterBad, concept) > 0 && ConceptActions.value(afterGood, concept) == 0;
  }
}

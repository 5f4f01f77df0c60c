package dev.kibitz.games.chess.concepts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.games.chess.Position;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ConceptLibraryTest {
  private static final ConceptLibrary PURE = ConceptLibrary.pure();

  /** Concepts the hand-made set leaves constant, with the reason; every other one must vary across it. */
  private static final Set<String> CONSTANT_IN_HAND_MADE_SET = Set.of();

  @Test
  void thereAreAtLeast150PureConceptsInTheseFamilies() {
    assertTrue(PURE.size() >= 150, "only " + PURE.size());
    assertEquals(Map.of(ConceptFamily.SQUARE_THREATS, 128, ConceptFamily.KING_SAFETY, 16,
        ConceptFamily.QUEEN_SAFETY, 10, ConceptFamily.TACTICS, 20, ConceptFamily.MATERIAL, 19,
        ConceptFamily.PAWN_STRUCTURE, 19, ConceptFamily.PIECES, 10, ConceptFamily.MOBILITY, 20,
        ConceptFamily.GAME_STATE, 11), PURE.countByFamily());
    assertEquals(253, PURE.size());
  }

  @Test
  void withTheEvalTermsNamesStayUnique() {
    List<Concept> all = ConceptTable.all();
    assertEquals(PURE.size() + 29, all.size());
    assertEquals(all.size(), new ConceptLibrary(all).size()); // the constructor rejects duplicates
    assertTrue(all.stream().filter(c -> c.family() == ConceptFamily.EVAL_TERMS)
        .allMatch(c -> c.name().startsWith("sf_") && c.kind() == Concept.Kind.REAL));
  }

  @Test
  void duplicateNamesAreRejected() {
    Concept c = PURE.concepts().get(0);
    var e = assertThrows(IllegalArgumentException.class, () -> new ConceptLibrary(List.of(c, c)));
    assertEquals("two concepts are named 'own_attacks_a1'", e.getMessage());
  }

  @Test
  void unknownNamesAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> PURE.indexOf("materiel_balance"));
    assertEquals("no concept named 'materiel_balance' (see docs/chess-concepts.md)", e.getMessage());
    assertEquals("material_balance", PURE.concepts().get(PURE.indexOf("material_balance")).name());
  }

  @Test
  void everyConceptTakesTwoValuesAcrossTheHandMadePositions() {
    List<double[]> rows = new ArrayList<>();
    for (String fen : HandMadePositions.ALL) {
      rows.add(PURE.values(Position.fromFen(fen)));
    }
    TreeSet<String> constant = new TreeSet<>();
    for (int i = 0; i < PURE.size(); i++) {
      Set<Double> seen = new HashSet<>();
      for (double[] row : rows) {
        seen.add(row[i]);
      }
      if (seen.size() < 2) {
        constant.add(PURE.concepts().get(i).name());
      }
    }
    constant.removeAll(CONSTANT_IN_HAND_MADE_SET);
    assertTrue(constant.isEmpty(), "never vary across the hand-made positions: " + constant);
  }

  @Test
  void booleansAreZeroOrOneAndOnlyOpponentMobilityInCheckIsNaN() {
    int mobilityOpp = PURE.indexOf("mobility_opp");
    for (String fen : HandMadePositions.ALL) {
      Position p = Position.fromFen(fen);
      double[] v = PURE.values(p);
      for (int i = 0; i < v.length; i++) {
        Concept c = PURE.concepts().get(i);
        if (c.kind() == Concept.Kind.BOOLEAN) {
          assertTrue(v[i] == 0 || v[i] == 1, c.name() + " = " + v[i] + " in " + fen);
        }
        assertEquals(i == mobilityOpp && p.inCheck(), Double.isNaN(v[i]), c.name() + " in " + fen);
      }
    }
  }

  /** Positions from seeded random legal games: promotions, en passant, checks and mates turn up among them. */
  private static List<Position> randomPositions(int count) {
    java.util.Random random = new java.util.Random(11);
    List<Position> positions = new ArrayList<>();
    Position p = Position.start();
    while (positions.size() < count) {
      positions.add(p);
      List<dev.kibitz.games.chess.Move> moves = p.legalMoves();
      p = moves.isEmpty() || p.fullmoveNumber() > 80 ? Position.start()
          : p.playLegal(moves.get(random.nextInt(moves.size())));
    }
    return positions;
  }

  @Test
  void passingTheTurnSwapsEveryOwnConceptWithItsOppTwin() {
    int checked = 0;
    for (Position p : randomPositions(400)) {
      if (p.inCheck()) {
        continue;
      }
      Map<String, Double> before = PURE.valuesByName(p);
      Map<String, Double> after = PURE.valuesByName(p.nullMove());
      for (String name : before.keySet()) {
        String twin = name.endsWith("_own") ? name.replaceAll("_own$", "_opp")
            : name.startsWith("own_") ? name.replaceFirst("^own_", "opp_") : null;
        if (twin != null && before.containsKey(twin)) {
          assertEquals(before.get(name), after.get(twin), name + " vs " + twin + " in " + p.toFen());
          assertEquals(before.get(twin), after.get(name), twin + " vs " + name + " in " + p.toFen());
          checked++;
        }
      }
      assertEquals(0.0, before.get("material_balance") + after.get("material_balance"));
    }
    assertTrue(checked > 10_000, "only " + checked + " comparisons");
  }

  @Test
  void randomGamePositionsGetWellFormedValues() {
    int mobilityOpp = PURE.indexOf("mobility_opp");
    for (Position p : randomPositions(1000)) {
      double[] v = PURE.values(p);
      for (int i = 0; i < v.length; i++) {
        Concept c = PURE.concepts().get(i);
        assertEquals(i == mobilityOpp && p.inCheck(), Double.isNaN(v[i]), c.name() + " in " + p.toFen());
        assertTrue(c.kind() == Concept.Kind.REAL || v[i] == 0 || v[i] == 1, c.name() + " in " + p.toFen());
      }
      assertEquals(p.legalMoves().size(), v[PURE.indexOf("legal_moves")]);
      long checks = p.legalMoves().stream().filter(m -> p.playLegal(m).inCheck()).count();
      assertEquals(checks, v[PURE.indexOf("checks_available")], p.toFen());
    }
  }

  @Test
  void valuesByNameFollowTheLibraryOrder() {
    Position p = Position.fromFen(HandMadePositions.KIWIPETE);
    double[] v = PURE.values(p);
    Map<String, Double> byName = PURE.valuesByName(p);
    assertEquals(PURE.concepts().stream().map(Concept::name).toList(), List.copyOf(byName.keySet()));
    assertArrayEquals(v, byName.values().stream().mapToDouble(Double::doubleValue).toArray());
    assertArrayEquals(v, PURE.values(p)); // no state carried between calls
  }

  @Test
  void conceptNamesMustBeSnakeCaseWithAOneLineDefinition() {
    assertThrows(IllegalArgumentException.class,
        () -> Concept.bool("InCheck", ConceptFamily.GAME_STATE, "x", c -> true));
    assertThrows(IllegalArgumentException.class,
        () -> Concept.bool("in_check", ConceptFamily.GAME_STATE, " ", c -> true));
    assertFalse(PURE.concepts().stream().anyMatch(c -> c.definition().isBlank()));
  }
}

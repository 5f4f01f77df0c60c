package dev.kibitz.games.chess.concepts;

import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.engine.Stockfish;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of concepts with unique names, labelling positions: {@link #values} fills one double per
 * concept, in list order, sharing one {@link ConceptContext} (attack maps, legal moves, the positions after
 * them) across all concepts of the position. {@link #pure()} needs no engine; {@link #withEngine} adds
 * Stockfish's classical eval terms. Safe to share between threads (each call makes its own context).
 */
public final class ConceptLibrary {
  private final List<Concept> concepts;
  private final Map<String, Integer> index = new HashMap<>();

  public ConceptLibrary(List<Concept> concepts) {
    this.concepts = List.copyOf(concepts);
    for (int i = 0; i < this.concepts.size(); i++) {
      String name = this.concepts.get(i).name();
      if (index.put(name, i) != null) {
        throw new IllegalArgumentException("two concepts are named '" + name + "'");
      }
    }
  }

  /** Every concept computed from the position alone, family by family. */
  public static ConceptLibrary pure() {
    List<Concept> all = new ArrayList<>();
    all.addAll(SquareThreatConcepts.all());
    all.addAll(KingSafetyConcepts.all());
    all.addAll(QueenSafetyConcepts.all());
    all.addAll(TacticsConcepts.all());
    all.addAll(MaterialConcepts.all());
    all.addAll(PawnStructureConcepts.all());
    all.addAll(PieceConcepts.all());
    all.addAll(MobilityConcepts.all());
    all.addAll(GameStateConcepts.all());
    return new ConceptLibrary(all);
  }

  /** The pure concepts followed by Stockfish's classical eval terms, computed with {@code stockfish}. */
  public static ConceptLibrary withEngine(Stockfish stockfish) {
    List<Concept> all = new ArrayList<>(pure().concepts);
    all.addAll(new EvalTermConcepts(stockfish).concepts());
    return new ConceptLibrary(all);
  }

  public List<Concept> concepts() {
    return concepts;
  }

  public int size() {
    return concepts.size();
  }

  /** Position of the named concept in {@link #concepts()} and in {@link #values}; fails naming unknown ones. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("no concept named '" + name + "' (see docs/chess-concepts.md)");
    }
    return i;
  }

  public Concept concept(String name) {
    return concepts.get(indexOf(name));
  }

  /** Every concept's value for {@code position}, in {@link #concepts()} order. */
  public double[] values(Position position) {
    double[] out = new double[concepts.size()];
    values(position, out);
    return out;
  }

  /** Writes every concept's value into {@code out} (at least {@link #size()} long). */
  public void values(Position position, double[] out) {
    ConceptContext ctx = new ConceptContext(position);
    for (int i = 0; i < concepts.size(); i++) {
      out[i] = concepts.get(i).valueOf(ctx);
    }
  }

  /** Concept name to value, in {@link #concepts()} order. */
  public Map<String, Double> valuesByName(Position position) {
    double[] v = values(position);
    Map<String, Double> byName = new LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      byName.put(concepts.get(i).name(), v[i]);
    }
    return Collections.unmodifiableMap(byName);
  }

  public Map<ConceptFamily, Integer> countByFamily() {
    Map<ConceptFamily, Integer> counts = new EnumMap<>(ConceptFamily.class);
    for (Concept c : concepts) {
      counts.merge(c.family(), 1, Integer::sum);
    }
    return counts;
  }
}

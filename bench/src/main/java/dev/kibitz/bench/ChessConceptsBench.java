package dev.kibitz.bench;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import dev.kibitz.games.chess.concepts.Concept;
import dev.kibitz.games.chess.concepts.ConceptFamily;
import dev.kibitz.games.chess.concepts.ConceptLibrary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Positions labelled with every pure chess concept per second, against legal move generation alone on the
 * same positions, rounds interleaved. The positions come from random legal games from the start position with
 * a fixed seed, so every run labels the same ones. Also reports, once, the time each family takes on its own
 * (each with its own per-position context, so shared facts are counted in every family that uses them).
 */
final class ChessConceptsBench implements Bench {
  static final long SEED = 6;
  static final int POSITIONS = 5_000;
  static final int MAX_PLIES = 120;

  @Override
  public String name() {
    return "chess-concepts";
  }

  @Override
  public String description() {
    return POSITIONS + " positions from seeded random games labelled with every pure concept vs legal move "
        + "generation alone (positions/s, ratio)";
  }

  /** Positions met in random legal games from the start (seeded): each game runs until mate, draw or the cap. */
  static List<Position> positions(int count, long seed) {
    Random random = new Random(seed);
    List<Position> positions = new ArrayList<>(count);
    Position p = Position.start();
    int ply = 0;
    while (positions.size() < count) {
      positions.add(p);
      List<Move> moves = p.legalMoves();
      if (moves.isEmpty() || ply >= MAX_PLIES) {
        p = Position.start();
        ply = 0;
      } else {
        p = p.playLegal(moves.get(random.nextInt(moves.size())));
        ply++;
      }
    }
    return positions;
  }

  @Override
  public Map<String, Object> run() {
    int rounds = Integer.getInteger("kibitz.bench.rounds", 5);
    List<Position> positions = positions(POSITIONS, SEED);
    ConceptLibrary library = ConceptLibrary.pure();
    double[] out = new double[library.size()];
    double[] sink = {0};
    for (int warm = 0; warm < 6; warm++) {
      label(library, positions, out, sink);
      moveGen(positions, sink);
    }
    long[] labelNanos = new long[rounds];
    long[] moveGenNanos = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      moveGenNanos[r] = moveGen(positions, sink);
      labelNanos[r] = label(library, positions, out, sink);
      System.err.printf("round %d: concepts %.1f ms, move generation %.1f ms%n", r, labelNanos[r] / 1e6,
          moveGenNanos[r] / 1e6);
    }
    double labelRate = POSITIONS / (Bench.median(labelNanos) / 1e9);
    double moveGenRate = POSITIONS / (Bench.median(moveGenNanos) / 1e9);
    Map<String, Object> f = Bench.figures();
    f.put("positions", POSITIONS);
    f.put("seed", SEED);
    f.put("concepts", library.size());
    f.put("rounds", rounds);
    f.put("labelled_positions_s", Bench.round(labelRate, 0));
    f.put("concept_values_s", Math.round(labelRate * library.size()));
    f.put("movegen_positions_s", Bench.round(moveGenRate, 0));
    f.put("ratio_labelling_vs_movegen", Bench.round(labelRate / moveGenRate, 4));
    f.put("family_us_per_position", familyCosts(library, positions, sink));
    f.put("checksum", sink[0]);
    return f;
  }

  private static long label(ConceptLibrary library, List<Position> positions, double[] out, double[] sink) {
    long start = System.nanoTime();
    double s = 0;
    for (Position p : positions) {
      library.values(p, out);
      s += out[out.length - 1];
    }
    long t = System.nanoTime() - start;
    sink[0] += s;
    return t;
  }

  private static long moveGen(List<Position> positions, double[] sink) {
    long start = System.nanoTime();
    long n = 0;
    for (Position p : positions) {
      n += p.legalMoves().size();
    }
    long t = System.nanoTime() - start;
    sink[0] += n;
    return t;
  }

  private static Map<String, Double> familyCosts(ConceptLibrary library, List<Position> positions, double[] sink) {
    Map<String, Double> costs = new LinkedHashMap<>();
    for (ConceptFamily family : ConceptFamily.values()) {
      List<Concept> members = library.concepts().stream().filter(c -> c.family() == family).toList();
      if (members.isEmpty()) {
        continue;
      }
      ConceptLibrary one = new ConceptLibrary(members);
      double[] out = new double[one.size()];
      label(one, positions, out, sink);
      costs.put(family.label(), Bench.round(label(one, positions, out, sink) / 1e3 / positions.size(), 2));
    }
    return costs;
  }
}

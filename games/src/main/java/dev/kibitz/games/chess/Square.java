package dev.kibitz.games.chess;

import java.util.ArrayList;
import java.util.List;

/**
 * Squares are ints 0..63, a1 = 0, b1 = 1, ..., h8 = 63 (little-endian rank-file), so bit {@code s} of a
 * {@code long} bitboard is square {@code s}. These helpers convert to and from algebraic names.
 */
public final class Square {
  private Square() {}

  public static int file(int square) {
    return square & 7;
  }

  public static int rank(int square) {
    return square >>> 3;
  }

  public static int of(int file, int rank) {
    return rank * 8 + file;
  }

  /** Algebraic name such as "e4". */
  public static String name(int square) {
    if (square < 0 || square > 63) {
      throw new IllegalArgumentException("square index " + square + " is outside 0..63");
    }
    return "" + (char) ('a' + file(square)) + (char) ('1' + rank(square));
  }

  /** Square index of an algebraic name such as "e4". */
  public static int parse(String name) {
    if (name.length() != 2 || name.charAt(0) < 'a' || name.charAt(0) > 'h' || name.charAt(1) < '1'
        || name.charAt(1) > '8') {
      throw new IllegalArgumentException("'" + name + "' is not a square (expected a file a-h and a rank 1-8, e.g. e4)");
    }
    return of(name.charAt(0) - 'a', name.charAt(1) - '1');
  }

  /** Names of the squares set in a bitboard, a1 first. */
  public static List<String> names(long bitboard) {
    List<String> names = new ArrayList<>(Long.bitCount(bitboard));
    for (long b = bitboard; b != 0; b &= b - 1) {
      names.add(name(Long.numberOfTrailingZeros(b)));
    }
    return names;
  }

  /** Bitboard of the named squares. */
  public static long bitboard(String... names) {
    long b = 0;
    for (String n : names) {
      b |= 1L << parse(n);
    }
    return b;
  }
}

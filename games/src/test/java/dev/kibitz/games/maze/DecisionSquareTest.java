package dev.kibitz.games.maze;

import static dev.kibitz.games.maze.HandMazes.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionSquareTest {

  @Test
  void forkPartsWhereTheCorridorSplits() {
    Maze maze = HandMazes.build(HandMazes.FORK);
    assertEquals(Optional.of(at(maze, 2, 0)), new PathFinder(maze).decisionSquare());
  }

  @Test
  void sevenBySevenTreePartsDeepInTheMaze() {
    Maze maze = HandMazes.build(HandMazes.TREE_7);
    assertEquals(Optional.of(at(maze, 2, 4)), new PathFinder(maze).decisionSquare());
  }

  @Test
  void noDecisionSquareWhenTheCheeseIsOnTheWayToTheTopRight() {
    Maze maze = HandMazes.build(HandMazes.CHEESE_BEFORE_CORNER);
    assertEquals(Optional.empty(), new PathFinder(maze).decisionSquare());
  }

  @Test
  void noDecisionSquareWhenTheTopRightIsOnTheWayToTheCheese() {
    Maze maze = HandMazes.build(HandMazes.CORNER_BEFORE_CHEESE);
    assertEquals(Optional.empty(), new PathFinder(maze).decisionSquare());
  }

  @Test
  void noDecisionSquareWhenTheCheeseIsOnTheTopRight() {
    Maze maze = HandMazes.build(HandMazes.FORK);
    assertEquals(Optional.empty(), new PathFinder(maze.withCheese(maze.topRight())).decisionSquare());
  }

  @Test
  void noDecisionSquareWhenTheCheeseCannotBeReached() {
    Maze maze = HandMazes.build(HandMazes.WITH_ISLAND);
    Maze islandCheese = maze.withCheese(at(maze, 4, 3));
    assertEquals(Optional.empty(), new PathFinder(islandCheese).decisionSquare());
  }

  @Test
  void noDecisionSquareWhenTheTopRightCannotBeReached() {
    Maze maze = HandMazes.build(List.of("C#.", ".##", "M.."));
    assertEquals(Optional.empty(), new PathFinder(maze).decisionSquare());
  }
}

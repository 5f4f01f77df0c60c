package dev.kibitz.games.maze.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AgentEvaluationTest {
  @Test
  void mazeSidesFallIntoThreeBands() {
    assertEquals("3-9", AgentEvaluation.sizeBand(3));
    assertEquals("3-9", AgentEvaluation.sizeBand(9));
    assertEquals("11-17", AgentEvaluation.sizeBand(11));
    assertEquals("11-17", AgentEvaluation.sizeBand(17));
    assertEquals("19-25", AgentEvaluation.sizeBand(19));
    assertEquals("19-25", AgentEvaluation.sizeBand(25));
  }
}

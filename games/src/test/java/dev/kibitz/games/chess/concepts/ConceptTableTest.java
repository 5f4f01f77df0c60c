package dev.kibitz.games.chess.concepts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConceptTableTest {
  private static final Path DOC = Path.of("..", "docs", "chess-concepts.md");

  @Test
  void docsListEveryConceptAsTheLibraryDefinesIt() throws IOException {
    String doc = Files.readString(DOC);
    assertEquals(ConceptTable.withTable(doc, ConceptTable.markdown(ConceptTable.all())), doc,
        "docs/chess-concepts.md is out of date: run ConceptTable (see the doc) to regenerate its table");
  }

  @Test
  void theTableHasARowPerConcept() {
    String table = ConceptTable.markdown(ConceptTable.all());
    assertEquals(ConceptTable.all().size() + 2, table.split("\n").length);
    assertEquals("| 0 | `own_attacks_a1` | square_threats | boolean | a1 is attacked by the side to move (occupied or "
        + "not) |", table.split("\n")[2]);
  }
}

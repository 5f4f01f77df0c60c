package dev.kibitz.orchestrator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kibitz.orchestrator.testing.TestSteps;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {
  private final SpecValidator validator = new SpecValidator(new TestSteps().types(), TestSteps.catalog());

  private List<String> problems(String yaml) {
    return assertThrows(InvalidSpecException.class, () -> validator.validate(yaml, "spec.yaml")).problems()
        .stream().map(SpecProblem::toString).toList();
  }

  @Test
  void everyMistakeIsReportedAtOnce() {
    String yaml = """
        name: many-mistakes
        steps:
          - name: a
            type: add
            needs: [c]
            params: {value: lots, colour: red}
          - name: b
            type: multiply
          - name: c
            type: add
            needs: [a, ghost]
          - name: d
            type: look
            params: {model: toy, hooks: [h1, h9, h42]}
          - name: e
            type: look
            params: {model: tiny, hooks: h0}
          - name: a
            type: add
        """;
    assertEquals(List.of(
        "step 'a': is defined more than once",
        "step 'c': needs unknown step 'ghost'",
        "spec: dependency cycle: a -> c -> a",
        "step 'a' params.value: must be a whole number from -1000 to 1000, got lots",
        "step 'a' params.colour: is not a parameter of this step type",
        "step 'b': unknown step type 'multiply' (known: add, add-elsewhere, look)",
        "step 'd' params.hooks: model 'toy' has no hook point 'h9' (it has 4, e.g. h0, h1, h2, h3)",
        "step 'd' params.hooks: model 'toy' has no hook point 'h42' (it has 4, e.g. h0, h1, h2, h3)",
        "step 'e' params.model: unknown model 'tiny' (known: toy)"), problems(yaml));
  }

  @Test
  void shapeMistakesAreCollectedBeforeMeaning() {
    String yaml = """
        name: Bad Name
        colour: red
        steps:
          - type: add
          - name: ok
            needs: {x: 1}
            params: [1, 2]
          - 7
        """;
    assertEquals(List.of(
        "spec: unknown key 'colour' (known: description, name, steps)",
        "spec: name 'Bad Name' must be 1-64 lower-case letters, digits and dashes, starting and ending with a "
            + "letter or digit",
        "steps[0]: name is required",
        "step 'ok': type is required",
        "step 'ok': needs must be a step name or a list of them",
        "step 'ok': params must be a mapping",
        "steps[2]: must be a mapping with name, type, needs and params"), problems(yaml));
  }

  @Test
  void notYamlAndNotAMappingAreClearErrors() {
    assertEquals(List.of("spec: must be a mapping with name, description and steps"), problems("- just\n- a list\n"));
    List<String> p = problems("name: x\nsteps: [ {name: a, type: add\n");
    assertEquals(1, p.size());
    assertEquals(true, p.get(0).startsWith("spec: is not valid YAML: "), p.get(0));
  }

  @Test
  void aValidSpecIsOrderedByItsNeeds() throws Exception {
    String yaml = """
        name: ordered
        description: three steps written out of order
        steps:
          - {name: sum, type: add, needs: [left, right], params: {from: [left, right]}}
          - {name: left, type: add, params: {value: 2}}
          - {name: right, type: add, needs: left, params: {value: 3, from: left}}
        """;
    ValidatedExperiment v = validator.validate(yaml, "spec.yaml");
    assertEquals(List.of("left", "right", "sum"), v.order().stream().map(StepSpec::name).toList());
    assertEquals("three steps written out of order", v.spec().description());
    assertEquals(List.of("left"), v.spec().step("right").orElseThrow().needs());
  }

  @Test
  void selfNeedsAndLongerCyclesAreEachReported() {
    String yaml = """
        name: loops
        steps:
          - {name: a, type: add, needs: [a]}
          - {name: b, type: add, needs: [d]}
          - {name: c, type: add, needs: [b]}
          - {name: d, type: add, needs: [c]}
        """;
    assertEquals(List.of("step 'a': needs itself", "spec: dependency cycle: b -> d -> c -> b"), problems(yaml));
  }
}

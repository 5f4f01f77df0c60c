package dev.kibitz.k8s;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a value (as parsed from YAML) against a CRD's structural schema, for the keywords Kibitz's CRD uses:
 * type, required, properties, items, enum, pattern, minLength, minItems, maxItems, minimum, maximum, list-map
 * keys and x-kubernetes-preserve-unknown-fields. Unknown fields count as problems here: the API server would
 * silently prune them, which hides a typo in a spec.
 */
final class SchemaCheck {
  private final List<String> problems = new ArrayList<>();

  static List<String> problems(JSONSchemaProps schema, Object value) {
    SchemaCheck check = new SchemaCheck();
    check.check(schema, value, "");
    return check.problems;
  }

  private void check(JSONSchemaProps s, Object v, String at) {
    if (Boolean.TRUE.equals(s.getXKubernetesPreserveUnknownFields()) && s.getProperties().isEmpty()) {
      return;
    }
    switch (s.getType()) {
      case "object" -> object(s, v, at);
      case "array" -> array(s, v, at);
      case "string" -> string(s, v, at);
      case "integer" -> expect(v instanceof Integer || v instanceof Long, at, "an integer", v);
      case "number" -> number(s, v, at);
      case "boolean" -> expect(v instanceof Boolean, at, "true or false", v);
      default -> problems.add(at + ": schema type " + s.getType() + " is not checked here");
    }
  }

  private void object(JSONSchemaProps s, Object v, String at) {
    if (!expect(v instanceof Map<?, ?>, at, "a mapping", v)) {
      return;
    }
    Map<?, ?> m = (Map<?, ?>) v;
    for (String r : s.getRequired()) {
      expect(m.containsKey(r), at + "." + r, "present", null);
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      JSONSchemaProps p = s.getProperties().get(String.valueOf(e.getKey()));
      if (p == null) {
        problems.add(at + "." + e.getKey() + ": not in the schema");
      } else {
        check(p, e.getValue(), at + "." + e.getKey());
      }
    }
  }

  private void array(JSONSchemaProps s, Object v, String at) {
    if (!expect(v instanceof List<?>, at, "a list", v)) {
      return;
    }
    List<?> list = (List<?>) v;
    if (s.getMinItems() != null) {
      expect(list.size() >= s.getMinItems(), at, "at least " + s.getMinItems() + " items", list.size());
    }
    if (s.getMaxItems() != null) {
      expect(list.size() <= s.getMaxItems(), at, "at most " + s.getMaxItems() + " items", list.size());
    }
    for (int i = 0; i < list.size(); i++) {
      check(s.getItems().getSchema(), list.get(i), at + "[" + i + "]");
    }
    if ("map".equals(s.getXKubernetesListType())) {
      Set<List<Object>> keys = new java.util.HashSet<>();
      for (Object item : list) {
        List<Object> key = s.getXKubernetesListMapKeys().stream().map(k -> ((Map<?, ?>) item).get(k))
            .map(Object.class::cast).toList();
        expect(keys.add(key), at, "unique " + s.getXKubernetesListMapKeys(), key);
      }
    } else if ("set".equals(s.getXKubernetesListType())) {
      expect(new java.util.HashSet<>(list).size() == list.size(), at, "no repeated items", list);
    }
  }

  private void string(JSONSchemaProps s, Object v, String at) {
    if (!expect(v instanceof String, at, "a string", v)) {
      return;
    }
    String str = (String) v;
    if (s.getEnum() != null && !s.getEnum().isEmpty()) {
      List<String> allowed = s.getEnum().stream().map(e -> e.asString()).toList();
      expect(allowed.contains(str), at, "one of " + allowed, str);
    }
    if (s.getPattern() != null) {
      expect(Pattern.compile(s.getPattern()).matcher(str).find(), at, "matching " + s.getPattern(), str);
    }
    if (s.getMinLength() != null) {
      expect(str.length() >= s.getMinLength(), at, "at least " + s.getMinLength() + " characters", str);
    }
  }

  private void number(JSONSchemaProps s, Object v, String at) {
    if (!expect(v instanceof Number, at, "a number", v)) {
      return;
    }
    double d = ((Number) v).doubleValue();
    if (s.getMinimum() != null) {
      expect(d >= s.getMinimum(), at, ">= " + s.getMinimum(), d);
    }
    if (s.getMaximum() != null) {
      expect(d <= s.getMaximum(), at, "<= " + s.getMaximum(), d);
    }
  }

  private boolean expect(boolean ok, String at, String expected, Object got) {
    if (!ok) {
      problems.add(at + ": expected " + expected + (got == null ? "" : ", got " + got));
    }
    return ok;
  }
}

package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonObject;

/** A figure in a step's output, as the report embeds it: a label and inline SVG. */
final class Figures {
  private Figures() {}

  static JsonObject of(String label, String svg) {
    JsonObject o = new JsonObject();
    o.addProperty("label", label);
    o.addProperty("svg", svg);
    return o;
  }
}

package dev.kibitz.cli.steer;

import dev.kibitz.proto.v1.EvaluateRequest;

/** One condition of a steering experiment: a short key, what it does, and its Evaluate request. */
record Condition(String key, String description, EvaluateRequest request) {}

package dev.kibitz.probe;

/** A probe's scores, its direction and the config that produced it: what is reported and saved. */
public record TrainedProbe(ProbeResult result, LinearProbe probe, ProbeConfig config) {}

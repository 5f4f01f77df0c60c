package dev.kibitz.sae.sweep;

import dev.kibitz.sae.arch.SaeArchitecture;
import dev.kibitz.sae.eval.SaeMetrics;

/** One trained grid point and its held-out metrics (plus mean max cosine when ground truth is known, else NaN). */
public record SweepRow(SaeArchitecture architecture, int width, SaeMetrics metrics, double meanMaxCosine,
    double seconds) {}

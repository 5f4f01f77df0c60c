package dev.kibitz.sae.buffer;

import java.io.IOException;

/**
 * Where training rows come from (the activation store, a synthetic generator). Positioned so a
 * resumed run reads on from where the checkpoint left off.
 */
public interface RowSource {
  /** The next batch; sources used for training are unbounded or long enough for the run. */
  RowBatch next() throws IOException;

  /** How many batches have been read; {@link #seek} to it continues the same sequence. */
  long position();

  void seek(long position) throws IOException;
}

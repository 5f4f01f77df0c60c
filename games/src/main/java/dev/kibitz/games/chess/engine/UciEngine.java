package dev.kibitz.games.chess.engine;

import dev.kibitz.games.chess.Move;
import dev.kibitz.games.chess.Position;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One UCI engine process. A daemon thread copies the engine's output lines into a queue that calls read with
 * a deadline, so every call has a timeout and notices at once when the process exits (the thread queues an
 * end marker). A call that finds the process dead starts a new one and re-applies the options set so far;
 * a call whose process dies under it fails with an {@link EngineException} saying so. Positions are checked
 * with our own rules before they are sent: Stockfish may crash on, or silently ignore, a bad FEN.
 *
 * <p>Calls are serialized; share an engine between threads through an {@link EnginePool}.
 */
public final class UciEngine implements AutoCloseable {
  private static final String END_OF_OUTPUT = new String("<end of engine output>");

  private final EngineSettings settings;
  private final Map<String, String> options = new LinkedHashMap<>();
  private volatile Process process;
  private Writer input;
  private BlockingQueue<String> output;
  private String name = "?";
  private int starts;
  private volatile boolean closed;

  /** Starts the engine and completes the {@code uci}/{@code isready} handshake. */
  public UciEngine(EngineSettings settings) {
    this.settings = settings;
    options.put("Threads", String.valueOf(settings.threads()));
    options.put("Hash", String.valueOf(settings.hashMb()));
    start();
  }

  /** The engine's "id name", e.g. "Stockfish 15.1". */
  public synchronized String name() {
    return name;
  }

  /** How many processes this engine has started (1 + restarts). */
  public synchronized int starts() {
    return starts;
  }

  public boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** The current process, for monitoring (and for tests that kill it). */
  public ProcessHandle processHandle() {
    return process.toHandle();
  }

  /** Sets a UCI option (re-applied after a restart); sends nothing when the value is already set. */
  public synchronized void setOption(String option, String value) {
    ensureRunning();
    if (value.equals(options.get(option))) {
      return;
    }
    send("setoption name " + option + " value " + value);
    options.put(option, value);
    awaitReady();
  }

  /** Clears the hash and history ({@code ucinewgame}) so that the next search does not depend on earlier ones. */
  public synchronized void newGame() {
    ensureRunning();
    send("ucinewgame");
    awaitReady();
  }

  /**
   * Searches {@code fen} after {@code moves} until {@code limit}; {@code searchMoves}, if not empty, restricts
   * the root to those moves (UCI {@code searchmoves}).
   */
  public synchronized Analysis search(String fen, List<Move> moves, SearchLimit limit, List<Move> searchMoves) {
    Position root = checkedPosition(fen, moves);
    for (Move m : searchMoves) {
      if (!root.isLegal(m)) {
        throw new IllegalArgumentException("searchmove " + m.uci() + " is not legal in " + root.toFen());
      }
    }
    ensureRunning();
    send(positionCommand(fen, moves));
    String go = "go " + limit.goArguments() + (searchMoves.isEmpty() ? ""
        : " searchmoves " + String.join(" ", searchMoves.stream().map(Move::uci).toList()));
    send(go);
    InfoLine last = null;
    String line;
    long deadline = deadline();
    while (!(line = next(deadline, go)).startsWith("bestmove")) {
      InfoLine info = InfoLine.parse(line);
      if (info != null && (last == null || info.exact() || !last.exact())) {
        last = info;
      }
    }
    if (last == null) {
      throw new EngineException(name + " answered '" + go + "' with '" + line + "' but no score");
    }
    String best = line.split("\\s+")[1];
    return new Analysis(best.equals("(none)") ? java.util.Optional.empty()
        : java.util.Optional.of(Move.parseUci(best)), last.score(), last.depth(), last.pv());
  }

  /**
   * Sends {@code fen} and then {@code command}, and returns every line the engine prints in reply (up to the
   * {@code readyok} of an {@code isready} sent after it). For commands that print and return, such as
   * Stockfish's {@code eval}.
   */
  public synchronized List<String> reply(String fen, String command) {
    checkedPosition(fen, List.of());
    ensureRunning();
    send(positionCommand(fen, List.of()));
    send(command);
    send("isready");
    List<String> lines = new ArrayList<>();
    long deadline = deadline();
    for (String line = next(deadline, command); !line.equals("readyok"); line = next(deadline, command)) {
      lines.add(line);
    }
    return lines;
  }

  /** Sends {@code quit}, waits the grace period, then destroys the process if it is still there. */
  @Override
  public void close() {
    closed = true;
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    try {
      synchronized (p) {
        Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII);
        w.write("quit\n");
        w.flush();
      }
    } catch (IOException ignored) {
      // already gone; destroy below makes sure
    }
    try {
      if (!p.waitFor(settings.quitGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(settings.quitGrace().toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Starts a new process if the current one has exited (or a call had to kill it). */
  synchronized void ensureRunning() {
    if (closed) {
      throw new IllegalStateException("engine " + settings.binary() + " is closed");
    }
    if (!isAlive()) {
      start();
    }
  }

  private void start() {
    if (!Files.isExecutable(settings.binary())) {
      throw new EngineException("no UCI engine at " + settings.binary() + ": install Stockfish "
          + "(Debian: apt-get install stockfish) or point KIBITZ_STOCKFISH at one");
    }
    Process p;
    try {
      p = new ProcessBuilder(settings.binary().toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new EngineException("cannot start " + settings.binary() + ": " + e.getMessage(), e);
    }
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> copyLines(p, lines), "uci-output-" + p.pid());
    reader.setDaemon(true);
    reader.start();
    process = p;
    output = lines;
    input = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII);
    starts++;
    try {
      send("uci");
      long deadline = deadline();
      for (String line = next(deadline, "uci"); !line.equals("uciok"); line = next(deadline, "uci")) {
        if (line.startsWith("id name ")) {
          name = line.substring("id name ".length());
        }
      }
      for (Map.Entry<String, String> o : options.entrySet()) {
        send("setoption name " + o.getKey() + " value " + o.getValue());
      }
      awaitReady();
    } catch (RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  private static void copyLines(Process p, BlockingQueue<String> lines) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    } catch (IOException ignored) {
      // the process went away; the end marker says so
    }
    lines.add(END_OF_OUTPUT);
  }

  private void awaitReady() {
    send("isready");
    long deadline = deadline();
    while (!next(deadline, "isready").equals("readyok")) {
      // skip output of earlier commands
    }
  }

  private void send(String command) {
    Process p = process;
    try {
      synchronized (p) {
        input.write(command + "\n");
        input.flush();
      }
    } catch (IOException e) {
      throw died("sending '" + command + "'");
    }
  }

  private long deadline() {
    return System.nanoTime() + settings.callTimeout().toNanos();
  }

  /** The next output line; fails if the process ends or nothing comes before the deadline. */
  private String next(long deadline, String waitingFor) {
    String line;
    try {
      line = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted waiting for " + name + " to answer '" + waitingFor + "'", e);
    }
    if (line == null) {
      timedOut(waitingFor);
    }
    if (line == END_OF_OUTPUT) {
      throw died("answering '" + waitingFor + "'");
    }
    return line;
  }

  /**
   * Stops the search and resynchronizes: first the search's own {@code bestmove} (Stockfish answers
   * {@code isready} without waiting for the search to end), then {@code readyok}. If the engine does not come
   * back within the grace period it is killed, and the next call starts a new one.
   */
  private void timedOut(String waitingFor) {
    Duration timeout = settings.callTimeout();
    try {
      send("stop");
      long grace = System.nanoTime() + settings.quitGrace().toNanos();
      boolean synced = !waitingFor.startsWith("go") || skipUntil(l -> l.startsWith("bestmove"), grace);
      if (synced) {
        send("isready");
        synced = skipUntil(l -> l.equals("readyok"), grace);
      }
      if (!synced) {
        process.destroyForcibly();
      }
    } catch (EngineException e) {
      process.destroyForcibly();
    }
    throw new EngineTimeoutException(name + " gave no answer to '" + waitingFor + "' within " + timeout
        + " (search stopped)");
  }

  /** Discards lines until one matches; false if the deadline passes or the output ends first. */
  private boolean skipUntil(Predicate<String> wanted, long deadline) {
    try {
      for (String l = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS); l != null && l != END_OF_OUTPUT;
          l = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        if (wanted.test(l)) {
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private EngineException died(String doing) {
    Process p = process;
    String code = "";
    try {
      if (p.waitFor(settings.quitGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        code = " with exit code " + p.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new EngineException(name + " (pid " + p.pid() + ") exited" + code + " while " + doing
        + "; the next call starts a new process");
  }

  private static Position checkedPosition(String fen, List<Move> moves) {
    Position p = Position.fromFen(fen);
    for (Move m : moves) {
      p = p.play(m);
    }
    return p;
  }

  private static String positionCommand(String fen, List<Move> moves) {
    return "position fen " + fen.trim() + (moves.isEmpty() ? ""
        : " moves " + String.join(" ", moves.stream().map(Move::uci).toList()));
  }
}

package dev.kibitz.orchestrator.testing;

import com.google.gson.JsonObject;
import dev.kibitz.orchestrator.spec.Params;
import dev.kibitz.orchestrator.step.ModelCatalog;
import dev.kibitz.orchestrator.step.StepCheck;
import dev.kibitz.orchestrator.step.StepContext;
import dev.kibitz.orchestrator.step.StepType;
import dev.kibitz.orchestrator.step.StepTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Step types for testing the runner itself: {@code add} outputs its {@code value} plus the values of
 * the steps in {@code from}; it can wait at a named gate first (released by the test) and can fail on
 * purpose. Every run of a step is counted by step name, so tests see exactly what ran. {@code
 * add-elsewhere} is the same but takes no worker, like a step that waits for another service.
 */
public final class TestSteps {
  public final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  public final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  public final Map<String, CountDownLatch> started = new ConcurrentHashMap<>();

  record AddConfig(long value, List<String> from, String gate, boolean fail) {}

  public StepTypes types() {
    return new StepTypes(List.of(new Add("add", true), new Add("add-elsewhere", false), new Probe()));
  }

  public CountDownLatch gate(String name) {
    return gates.computeIfAbsent(name, k -> new CountDownLatch(1));
  }

  public CountDownLatch started(String step) {
    return started.computeIfAbsent(step, k -> new CountDownLatch(1));
  }

  public int runs(String step) {
    return runs.getOrDefault(step, new AtomicInteger()).get();
  }

  /** A catalog with one model, {@code toy}, of checkpoints a and b and hooks h0..h3. */
  public static ModelCatalog catalog() {
    ModelCatalog.ModelInfo toy = new ModelCatalog.ModelInfo("toy", "b", List.of("a", "b"),
        List.of("h0", "h1", "h2", "h3"));
    return new ModelCatalog() {
      @Override
      public Optional<ModelInfo> model(String name) {
        return name.equals("toy") ? Optional.of(toy) : Optional.empty();
      }

      @Override
      public List<String> names() {
        return List.of("toy");
      }
    };
  }

  final class Add implements StepType<AddConfig> {
    private final String name;
    private final boolean takesWorker;

    Add(String name, boolean takesWorker) {
      this.name = name;
      this.takesWorker = takesWorker;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean takesWorker(java.util.function.Function<Class<?>, Object> services) {
      return takesWorker;
    }

    @Override
    public String description() {
      return "adds numbers (test)";
    }

    @Override
    public AddConfig configure(Params p, StepCheck check) {
      return new AddConfig(p.integer("value", 0, -1000, 1000), p.strings("from", List.of()),
          p.string("gate", ""), p.flag("fail", false));
    }

    @Override
    public JsonObject run(AddConfig c, StepContext ctx) throws Exception {
      String step = ctx.step();
      runs.computeIfAbsent(step, k -> new AtomicInteger()).incrementAndGet();
      started(step).countDown();
      if (!c.gate().isEmpty() && !gate(c.gate()).await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate " + c.gate() + " never opened");
      }
      if (c.fail()) {
        throw new IllegalArgumentException("failed on purpose");
      }
      long sum = c.value();
      for (String f : c.from()) {
        sum += ctx.output(f).get("value").getAsLong();
      }
      ctx.progress(1, "added");
      JsonObject o = new JsonObject();
      o.addProperty("value", sum);
      return o;
    }
  }

  /** Reads a model and hooks, so validation against the catalog can be tested. */
  static final class Probe implements StepType<String> {
    @Override
    public String name() {
      return "look";
    }

    @Override
    public String description() {
      return "names a model and hooks (test)";
    }

    @Override
    public String configure(Params p, StepCheck check) {
      String model = p.string("model");
      List<String> hooks = p.strings("hooks", null);
      check.model("model", model).ifPresent(m -> check.hooks("hooks", m, hooks));
      return model;
    }

    @Override
    public JsonObject run(String c, StepContext ctx) {
      return new JsonObject();
    }
  }
}

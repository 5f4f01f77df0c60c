package dev.kibitz.store.kafka;

import dev.kibitz.kafka.EmbeddedKafka;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one {@link EmbeddedKafka} shared by all its tests: started before the first test, closed
 * when the class finishes, and injected into any constructor, lifecycle or test method parameter of that type.
 * Tests share the broker, so each should use its own topic and group names.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedKafkaExtension.class)
 * class MyTest {
 *   @Test void works(EmbeddedKafka kafka) { ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    broker(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == EmbeddedKafka.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return broker(extensionContext);
  }

  /**
   * The broker of the enclosing class context. Store lookups fall back to parent stores, so a method context (or
   * a {@code @Nested} class) finds the broker its class already started instead of starting another.
   */
  private static EmbeddedKafka broker(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext.getStore(NAMESPACE)
        .getOrComputeIfAbsent(EmbeddedKafka.class, key -> Broker.start(), Broker.class)
        .kafka();
  }

  /** Lets JUnit close the broker when the class context that started it ends. */
  private record Broker(EmbeddedKafka kafka) implements ExtensionContext.Store.CloseableResource {

    static Broker start() {
      try {
        return new Broker(EmbeddedKafka.start());
      } catch (Exception e) {
        throw new IllegalStateException("could not start the embedded Kafka broker", e);
      }
    }

    @Override
    public void close() throws Exception {
      kafka.close();
    }
  }
}

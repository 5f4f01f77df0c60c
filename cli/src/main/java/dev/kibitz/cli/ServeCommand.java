package dev.kibitz.cli;

import dev.kibitz.modelserver.ModelServerApplication;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kibitz serve SERVICE}: runs one service of the mesh in the foreground. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run a Kibitz service in the foreground.",
    subcommands = {ServeCommand.ModelServer.class})
final class ServeCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "model-server", mixinStandardHelpOptions = true,
      description = "Serve ListModels, DescribeModel and Forward over gRPC (health and reflection included); "
          + "stops gracefully on SIGTERM/Ctrl-C.")
  static final class ModelServer implements Callable<Integer> {
    @Option(names = "--port", description = "port to listen on (default: application.yml, 50051; 0 = any free)")
    Integer port;

    @Option(names = "--host", description = "address to bind (default: 0.0.0.0)")
    String host;

    @Option(names = "--device", description = "cpu, gpu or auto (default: cpu)")
    String device;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> props = new HashMap<>();
      if (port != null) {
        props.put("kibitz.model-server.port", port);
      }
      if (host != null) {
        props.put("kibitz.model-server.host", host);
      }
      if (device != null) {
        props.put("kibitz.model-server.device", device);
      }
      ApplicationContext ctx = ModelServerApplication.start(props);
      GrpcModelServer server = ctx.getBean(GrpcModelServer.class);
      System.out.println("model-server listening on port " + server.port());
      Runtime.getRuntime().addShutdownHook(new Thread(ctx::close, "model-server-shutdown"));
      server.awaitTermination();
      return 0;
    }
  }
}

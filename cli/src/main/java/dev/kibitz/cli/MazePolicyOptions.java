package dev.kibitz.cli;

import ai.djl.Device;
import dev.kibitz.core.model.HookedModel;
import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.games.maze.MazePolicy;
import dev.kibitz.games.maze.agent.ModelMazePolicy;
import dev.kibitz.games.maze.agent.ShippedAgent;
import dev.kibitz.games.zoo.ZooModels;
import dev.kibitz.modelserver.client.ForwardStream;
import dev.kibitz.modelserver.client.ModelServerClient;
import dev.kibitz.modelserver.client.RemoteMazePolicy;
import dev.kibitz.proto.v1.ForwardOpen;
import picocli.CommandLine.Option;

/**
 * Where a maze command's policy comes from: the zoo in this process (default), or a model server
 * at --target, which then encodes the maze positions itself.
 */
final class MazePolicyOptions {
  @Option(names = "--model", defaultValue = ShippedAgent.NAME, description = "model (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--checkpoint", defaultValue = "", description = "checkpoint (default: the model's default)")
  String checkpoint;

  @Option(names = "--target", paramLabel = "HOST:PORT",
      description = "ask a running model server instead of loading the model here")
  String target;

  /** An open policy; close it to release the model or the connection. */
  interface OpenPolicy extends AutoCloseable {
    MazePolicy policy();

    @Override
    void close() throws Exception;
  }

  OpenPolicy open(String checkpointOverride) {
    String cp = checkpointOverride != null ? checkpointOverride : checkpoint;
    if (target != null) {
      Target t = new Target();
      t.target = target;
      ModelServerClient client = ModelServerClient.connect(t.host(), t.port());
      ForwardStream stream = client.openForward(ForwardOpen.newBuilder().setModel(model).setCheckpoint(cp).build());
      RemoteMazePolicy policy = new RemoteMazePolicy(stream);
      return new OpenPolicy() {
        public MazePolicy policy() {
          return policy;
        }

        public void close() throws Exception {
          stream.close();
          client.close();
        }
      };
    }
    ModelRegistry registry = new ModelRegistry(Device.cpu());
    ZooModels.registerAll(registry);
    HookedModel m = registry.model(model, cp);
    MazePolicy policy = ModelMazePolicy.plain(m);
    return new OpenPolicy() {
      public MazePolicy policy() {
        return policy;
      }

      public void close() {
        registry.close();
      }
    };
  }
}

package dev.kibitz.modelserver;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.kibitz.core.model.ModelRegistry;
import dev.kibitz.games.zoo.ZooModels;
import dev.kibitz.modelserver.config.ModelServerConfig;
import dev.kibitz.modelserver.forward.ForwardService;
import dev.kibitz.modelserver.grpc.GrpcModelServer;
import dev.kibitz.modelserver.packages.ModelPackages;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Micronaut wiring: config -> device -> registry (zoo models, configured packages) -> domain services -> gRPC server. */
@Factory
public class ModelServerBeans {

  @Singleton
  @Bean(preDestroy = "close")
  ModelRegistry modelRegistry(ModelServerConfig config) {
    ModelRegistry registry = new ModelRegistry(device(config.getDevice()));
    ZooModels.registerAll(registry);
    return registry;
  }

  @Singleton
  ModelPackages modelPackages(ModelRegistry registry, ModelServerConfig config) {
    ModelPackages packages = new ModelPackages(registry, config.isAllowParityFailure());
    for (String dir : config.getPackages()) {
      packages.add(Path.of(dir), false);
    }
    return packages;
  }

  @Singleton
  ForwardService forwardService(ModelRegistry registry, ModelServerConfig config) {
    return new ForwardService(registry, config.getMaxSessions());
  }

  @Singleton
  @Bean(preDestroy = "stop")
  GrpcModelServer grpcModelServer(ModelServerConfig config, ForwardService service, ModelPackages packages) {
    return new GrpcModelServer(config, service, packages);
  }

  static Device device(String name) {
    int gpus = Engine.getInstance().getGpuCount();
    return switch (name) {
      case "cpu" -> Device.cpu();
      case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
      case "gpu" -> {
        if (gpus == 0) {
          throw new IllegalStateException("kibitz.model-server.device is gpu but the engine sees no GPU "
              + "(a CUDA build of pytorch-native must be on the classpath and a GPU present)");
        }
        yield Device.gpu();
      }
      default -> throw new IllegalArgumentException("kibitz.model-server.device must be cpu, gpu or auto, got '"
          + name + "'");
    };
  }
}

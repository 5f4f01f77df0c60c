package dev.kibitz.modelserver.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import dev.kibitz.modelserver.testing.SharedServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The standard health and reflection services, as load balancers and grpcurl use them. */
class HealthAndReflectionTest extends SharedServer {
  private static ServingStatus health(String service) {
    return HealthGrpc.newBlockingStub(client.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  @Test
  void healthReportsServingForTheServerAndForModelService() {
    assertEquals(ServingStatus.SERVING, health(""));
    assertEquals(ServingStatus.SERVING, health("kibitz.v1.ModelService"));
  }

  @Test
  void healthOfAnUnknownServiceIsNotFound() {
    Status status = assertThrows(StatusRuntimeException.class, () -> health("kibitz.v1.SaeService")).getStatus();

    assertEquals(Status.Code.NOT_FOUND, status.getCode());
  }

  @Test
  void reflectionV1ListsModelServiceHealthAndReflection() throws Exception {
    ServerReflectionResponse r = reflect(ServerReflectionRequest.newBuilder().setListServices("").build());

    assertEquals(List.of("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection", "kibitz.v1.ModelService"),
        r.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).sorted().toList());
  }

  @Test
  void reflectionV1ServesTheFileDefiningModelService() throws Exception {
    ServerReflectionResponse r = reflect(ServerReflectionRequest.newBuilder()
        .setFileContainingSymbol("kibitz.v1.ModelService").build());

    FileDescriptorProto file = FileDescriptorProto.parseFrom(r.getFileDescriptorResponse().getFileDescriptorProto(0));
    assertEquals("kibitz/v1/model_service.proto", file.getName());
    assertEquals(List.of("ListModels", "DescribeModel", "Forward", "AddModel", "CheckParity"),
        file.getService(0).getMethodList().stream().map(MethodDescriptorProto::getName).toList());
  }

  /** One request on a reflection stream; returns its one response. */
  private static ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
    CompletableFuture<ServerReflectionResponse> response = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(client.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS).serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse value) {
            response.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            response.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            response.completeExceptionally(new AssertionError("reflection stream ended without a response"));
          }
        });
    requests.onNext(request);
    requests.onCompleted();
    return response.get(10, TimeUnit.SECONDS);
  }
}

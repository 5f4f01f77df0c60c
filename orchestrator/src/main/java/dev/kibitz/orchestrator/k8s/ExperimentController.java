package dev.kibitz.orchestrator.k8s;

import dev.kibitz.orchestrator.run.ExperimentRunner;
import dev.kibitz.orchestrator.run.RunEvent;
import dev.kibitz.orchestrator.spec.InvalidSpecException;
import dev.kibitz.orchestrator.state.RunRecord;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code Experiment} custom resources: a new object's spec is submitted to the runner (or, if it
 * is invalid, the object's status says why, every problem listed), and the run's progress is written
 * back to the object's status, so {@code kubectl get experiments -n team-a} shows phase, steps done
 * and the report. An object whose status already names a run is only followed, never run again;
 * deleting an object cancels its run.
 */
public final class ExperimentController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentController.class);
  private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

  private final KubernetesClient client;
  private final ExperimentRunner runner;
  private final String namespace;
  /** Run id to the object it runs for (namespace, name). */
  private final Map<String, String[]> objects = new ConcurrentHashMap<>();
  private final Map<String, Long> lastWrite = new ConcurrentHashMap<>();
  private final Set<String> submittedUids = ConcurrentHashMap.newKeySet();
  /** Status writes leave the runner's threads at once and happen one at a time, in event order. */
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "experiment-status");
    t.setDaemon(true);
    return t;
  });
  private final dev.kibitz.orchestrator.run.RunListener listener = this::onEvent;
  private SharedIndexInformer<GenericKubernetesResource> informer;

  /** @param namespace watch only this namespace; null for every namespace the account may read */
  public ExperimentController(KubernetesClient client, ExperimentRunner runner, String namespace) {
    this.client = client;
    this.runner = runner;
    this.namespace = namespace;
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> experiments() {
    return client.genericKubernetesResources(ExperimentResources.CONTEXT);
  }

  public ExperimentController start() {
    runner.addListener(listener);
    var source = namespace == null ? experiments().inAnyNamespace() : experiments().inNamespace(namespace);
    informer = source.inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource cr) {
        writer.submit(() -> reconcile(cr));
      }

      @Override
      public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource cr) {
        writer.submit(() -> reconcile(cr));
      }

      @Override
      public void onDelete(GenericKubernetesResource cr, boolean unknownFinalState) {
        String id = ExperimentResources.runId(cr);
        if (id != null && runner.cancel(id)) {
          LOG.info("experiment {}/{} deleted: run {} cancelled", cr.getMetadata().getNamespace(),
              cr.getMetadata().getName(), id);
        }
      }
    });
    return this;
  }

  private void reconcile(GenericKubernetesResource cr) {
    String ns = cr.getMetadata().getNamespace();
    String name = cr.getMetadata().getName();
    String id = ExperimentResources.runId(cr);
    if (id != null) {
      objects.putIfAbsent(id, new String[] {ns, name});
      // after a restart the status may lag the run; bring it up to date once
      runner.store().run(id).ifPresent(r -> {
        if (!ExperimentResources.title(r.state().name()).equals(ExperimentResources.phase(cr))) {
          writeStatus(ns, name, ExperimentResources.status(r, cr.getMetadata().getGeneration()));
        }
      });
      return;
    }
    if (ExperimentResources.phase(cr) != null || !submittedUids.add(cr.getMetadata().getUid())) {
      return; // rejected before, or submitted and its status not yet seen
    }
    try {
      String runId = runner.submit(ExperimentResources.specYaml(cr), "experiment " + ns + "/" + name).runId();
      objects.put(runId, new String[] {ns, name});
      LOG.info("experiment {}/{}: run {}", ns, name, runId);
      runner.store().run(runId).ifPresent(r -> writeStatus(ns, name, ExperimentResources.status(r,
          cr.getMetadata().getGeneration())));
    } catch (InvalidSpecException e) {
      writeStatus(ns, name, ExperimentResources.rejected(e.getMessage(), cr.getMetadata().getGeneration()));
    }
  }

  private void onEvent(RunEvent e) {
    String[] object = objects.get(e.runId());
    if (object == null) {
      return;
    }
    boolean progressOnly = !e.isRunEvent() && "RUNNING".equals(e.state()) && e.progress() > 0;
    long now = System.nanoTime();
    if (progressOnly && now - lastWrite.getOrDefault(e.runId(), 0L) < PROGRESS_EVERY_NANOS) {
      return;
    }
    lastWrite.put(e.runId(), now);
    writer.submit(() -> runner.store().run(e.runId()).ifPresent((RunRecord r) -> {
      GenericKubernetesResource cr = experiments().inNamespace(object[0]).withName(object[1]).get();
      if (cr != null) {
        writeStatus(object[0], object[1], ExperimentResources.status(r, cr.getMetadata().getGeneration()));
      }
    }));
  }

  /** Replaces the status, re-reading the object on a conflict (someone else changed it meanwhile). */
  private void writeStatus(String ns, String name, Map<String, Object> status) {
    for (int attempt = 0; attempt < 5; attempt++) {
      GenericKubernetesResource cr = experiments().inNamespace(ns).withName(name).get();
      if (cr == null) {
        return;
      }
      cr.setAdditionalProperty("status", status);
      try {
        experiments().inNamespace(ns).resource(cr).updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          LOG.warn("cannot write the status of experiment {}/{}: {}", ns, name, e.getMessage());
          return;
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    runner.removeListener(listener);
    if (informer != null) {
      informer.close();
    }
    writer.shutdown();
    writer.awaitTermination(10, TimeUnit.SECONDS);
  }
}

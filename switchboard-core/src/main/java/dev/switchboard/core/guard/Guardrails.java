package dev.switchboard.core.guard;

import dev.switchboard.core.config.GuardrailsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * The node's guardrails, built once from the configuration: the recognisers, the injection scorer and the worker
 * pool for large requests are shared; {@link #filter()} makes the chain's filter.
 */
public final class Guardrails implements AutoCloseable {
  private final GuardrailsConfig config;
  private final GuardPolicy policy;
  private final PiiDetector detector;
  private final InjectionScorer scorer;
  private final WorkerExecutor workers;

  private Guardrails(GuardrailsConfig config, WorkerExecutor workers) {
    this.config = config;
    this.policy = GuardPolicy.from(config);
    this.detector = new PiiDetector(policy.entities());
    this.scorer = InjectionScorer.builtIn();
    this.workers = workers;
  }

  public static Guardrails create(GuardrailsConfig config, Vertx vertx) {
    return new Guardrails(config, vertx.createSharedWorkerExecutor("switchboard-guard", config.workers()));
  }

  /** The configured policy (before any per-key override). */
  public GuardPolicy policy() {
    return policy;
  }

  public GuardFilter filter() {
    return new GuardFilter(policy, detector, scorer, config.inlineMaxChars(),
        task -> workers.executeBlocking(task, false));
  }

  @Override
  public void close() {
    workers.close();
  }

  /** Closes the worker pool, as a future for shutdown sequences. */
  public Future<Void> closeAsync() {
    return workers.close();
  }
}

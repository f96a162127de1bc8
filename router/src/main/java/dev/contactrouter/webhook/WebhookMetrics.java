package dev.contactrouter.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A domain's webhook figures for {@code GET /metrics}: deliveries delivered, given up (failed) and
 * retried, events dropped (only {@code position_changed}, never a journaled event), and the
 * deliveries pending now. Written by the deliverer's thread only.
 */
final class WebhookMetrics {
  private final MeterRegistry registry;
  private final Counter delivered;
  private final Counter failed;
  private final Counter retried;
  private final Counter dropped;
  private final AtomicLong pending = new AtomicLong();
  private final Gauge pendingGauge;

  static WebhookMetrics forDomain(String domain) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return new WebhookMetrics(registry == null ? new SimpleMeterRegistry() : registry, domain);
  }

  private WebhookMetrics(MeterRegistry registry, String domain) {
    this.registry = registry;
    this.delivered = outcome(domain, "delivered", "Webhook deliveries a receiver acknowledged with a 2xx");
    this.failed = outcome(domain, "failed", "Webhook deliveries given up after their last attempt or their age limit");
    this.retried = outcome(domain, "retried", "Webhook attempts that failed and were scheduled again");
    this.dropped = outcome(domain, "dropped",
        "position_changed events not delivered because a webhook had too many deliveries pending");
    this.pendingGauge = Gauge.builder("router.webhook.pending", pending, AtomicLong::get)
        .description("Webhook deliveries waiting or in flight, all webhooks of the domain")
        .tag("domain", domain).register(registry);
  }

  private Counter outcome(String domain, String outcome, String description) {
    return Counter.builder("router.webhook.deliveries").description(description)
        .tag("domain", domain).tag("outcome", outcome).register(registry);
  }

  void delivered() {
    delivered.increment();
  }

  void failed() {
    failed.increment();
  }

  void retried() {
    retried.increment();
  }

  void dropped() {
    dropped.increment();
  }

  void pending(long n) {
    pending.set(n);
  }

  /** The gauge reads this instance: removed so a deliverer started again registers its own. */
  void close() {
    registry.remove(pendingGauge);
  }
}

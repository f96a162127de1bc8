package dev.contactrouter.webhook;

import dev.contactrouter.codec.EventJson;
import dev.contactrouter.codec.WebhookJson;
import dev.contactrouter.core.WebhookSpec;
import dev.contactrouter.engine.Addresses;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.StreamPageQuery;
import dev.contactrouter.engine.DomainQuery.WebhookSetupQuery;
import dev.contactrouter.engine.StreamPage;
import dev.contactrouter.engine.WebhookSetup;
import dev.contactrouter.store.WebhookPositions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One domain's webhook deliverer, deployed beside the domain's writer on the node that owns it
 * and never on the writer's thread. It follows the domain's committed events ({@link
 * Addresses#events}, what {@code GET /v1/events} sends) and POSTs each one a webhook wants, as the
 * same JSON, signed ({@link Signature}), retried with backoff ({@link WebhookOptions#backoff}), in
 * order per contact ({@link Subscription}).
 *
 * <p>Nothing committed is skipped: a webhook that falls behind (its receiver slow or down, more
 * than {@link WebhookOptions#maxPending} deliveries waiting) stops taking live events and reads
 * them from the journal page by page once it has room again, as a resumed event stream does. Where
 * each webhook stands is saved every second ({@link WebhookPositions}) and after a restart or a
 * takeover deliveries resume from there: at least once, a redelivered event with the same
 * {@code X-Router-Event-Id}.
 */
public final class WebhookVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookVerticle.class);
  /** Attempts of one webhook in flight at once (each lane has at most one). */
  static final int MAX_IN_FLIGHT = 16;
  /** Events read from the journal at a time by a webhook that fell behind. */
  private static final int PAGE = 500;
  private static final long SAVE_MILLIS = 1_000;
  private static final long RETRY_READ_MILLIS = 1_000;
  /** The most deliveries {@code GET /v1/webhooks/{id}/deliveries} lists. */
  public static final int MAX_LISTED = 200;

  private final String domain;
  private final DomainClient domains;
  private final WebhookPositions positions;
  private final WebhookOptions options;
  private final LongSupplier clock;
  private final Map<String, Subscription> subs = new TreeMap<>();
  private HttpSender sender;
  private WebhookMetrics metrics;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  /** The last committed event known to exist. */
  private long headSeen;
  private boolean ready;
  private boolean refreshing;
  private boolean refreshAgain;
  private boolean saving;
  private String lastSaved;
  private long saveTimer = -1;
  private long unjournaled;

  public WebhookVerticle(String domain, DomainClient domains, WebhookPositions positions, WebhookOptions options,
      LongSupplier clock) {
    this.domain = domain;
    this.domains = domains;
    this.positions = positions;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    metrics = WebhookMetrics.forDomain(domain);
    sender = new HttpSender(vertx, vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.timeoutMillis()))
        .setKeepAlive(true)), options.timeoutMillis());
    MessageConsumer<JsonObject> events = vertx.eventBus().consumer(Addresses.events(domain), m -> onEvent(m.body()));
    MessageConsumer<JsonObject> questions = vertx.eventBus().consumer(Addresses.webhooks(domain), this::answer);
    consumers.add(events);
    consumers.add(questions);
    saveTimer = vertx.setPeriodic(SAVE_MILLIS, id -> save());
    // Live events are heard from here on; what was committed before is read from the journal.
    return Future.all(events.completion(), questions.completion()).onSuccess(v -> init());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(saveTimer);
    subs.values().forEach(s -> s.waiting().forEach(d -> vertx.cancelTimer(d.timer)));
    List<Future<Void>> closing = new ArrayList<>();
    consumers.forEach(c -> closing.add(c.unregister()));
    return Future.join(closing)
        .transform(v -> saveNow())
        .transform(v -> sender.close())
        .eventually(() -> {
          metrics.close();
          return Future.succeededFuture();
        });
  }

  // ------------------------------------------------------------------ setup

  /** Where each webhook resumes: its saved position, else from the saved mark, else from now. */
  private void init() {
    positions.load(domain)
        .compose(saved -> domains.ask(domain, new WebhookSetupQuery()).map(setup -> {
          install(saved, setup);
          return null;
        }))
        .onFailure(err -> {
          LOG.warn("webhooks of domain {} wait for the journal: {}", domain, err.getMessage());
          vertx.setTimer(RETRY_READ_MILLIS, id -> init());
        });
  }

  private void install(WebhookPositions.Saved saved, WebhookSetup setup) {
    headSeen = Math.max(headSeen, setup.seq());
    for (WebhookSpec spec : setup.webhooks()) {
      Long delivered = saved.delivered().get(spec.id());
      Subscription sub = delivered != null ? new Subscription(spec, delivered, false)
          : saved.scanned() != null ? new Subscription(spec, saved.scanned(), true)
          : new Subscription(spec, setup.seq(), false);
      subs.put(spec.id(), sub);
    }
    ready = true;
    LOG.info("webhooks of domain {}: {} resuming ({} events committed)", domain, subs.size(), headSeen);
    subs.values().forEach(this::pump);
  }

  /** Takes the webhooks' current setup (secrets included) after one was configured or deleted. */
  private void refresh() {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    domains.ask(domain, new WebhookSetupQuery()).onComplete(ar -> {
      refreshing = false;
      if (ar.succeeded()) {
        apply(ar.result());
      } else {
        LOG.warn("webhooks of domain {}: could not read their setup, trying again: {}", domain, ar.cause().getMessage());
        vertx.setTimer(RETRY_READ_MILLIS, id -> refresh());
        return;
      }
      if (refreshAgain) {
        refreshAgain = false;
        refresh();
      }
    });
  }

  private void apply(WebhookSetup setup) {
    Map<String, WebhookSpec> now = new HashMap<>();
    setup.webhooks().forEach(w -> now.put(w.id(), w));
    for (Subscription sub : List.copyOf(subs.values())) {
      WebhookSpec spec = now.get(sub.id());
      if (spec == null) {
        drop(sub);
      } else {
        sub.spec = spec;
        sub.configuring = false;
      }
    }
    now.values().forEach(spec -> subs.computeIfAbsent(spec.id(), id -> new Subscription(spec, setup.seq(), false)));
    subs.values().forEach(sub -> {
      pump(sub);
      drain(sub);
    });
  }

  private void drop(Subscription sub) {
    subs.remove(sub.id());
    sub.waiting().forEach(d -> vertx.cancelTimer(d.timer));
  }

  // ------------------------------------------------------------------ events

  private void onEvent(JsonObject event) {
    Long seq = event.getLong("seq");
    if (seq == null) {
      unjournaled(event);
      return;
    }
    headSeen = Math.max(headSeen, seq);
    if (!ready) {
      return; // read from the journal once the setup is known
    }
    String type = event.getString("type");
    if ("webhook_configured".equals(type)) {
      JsonObject w = event.getJsonObject("webhook");
      String id = w.getString("id");
      if (!subs.containsKey(id)) {
        // Known from here on; its secret comes with the setup, and nothing goes out before it.
        Subscription created = new Subscription(WebhookJson.webhook(id, w), seq, false);
        created.configuring = true;
        subs.put(id, created);
      }
      refresh();
    } else if ("webhook_deleted".equals(type)) {
      Subscription gone = subs.get(event.getString("webhookId"));
      if (gone != null) {
        drop(gone);
      }
    }
    for (Subscription sub : subs.values()) {
      if (seq <= sub.taken || sub.configuring) {
        continue;
      }
      if (seq == sub.taken + 1 && !sub.fetching && sub.pending() < options.maxPending()) {
        sub.take(domain, seq, event, clock.getAsLong());
        drain(sub);
      } else {
        pump(sub); // behind: what it missed is read from the journal
      }
    }
  }

  /** A {@code position_changed}: live only, for webhooks with room (it is stale once late anyway). */
  private void unjournaled(JsonObject event) {
    if (!ready) {
      return;
    }
    String id = domain + ":live-" + (++unjournaled);
    for (Subscription sub : subs.values()) {
      if (sub.configuring || sub.taken < headSeen) {
        continue; // behind on the journal: the contact's earlier events go first, this one is stale by then
      }
      if (sub.pending() >= options.maxPending()) {
        metrics.dropped();
      } else if (sub.takeUnjournaled(id, event, clock.getAsLong()) != null) {
        drain(sub);
      }
    }
  }

  /** Reads what a webhook missed from the journal, a page at a time, while it has room. */
  private void pump(Subscription sub) {
    if (!ready || sub.fetching || sub.configuring || sub.taken >= headSeen || sub.pending() >= options.maxPending()) {
      return;
    }
    sub.fetching = true;
    int limit = Math.max(1, Math.min(PAGE, options.maxPending() - sub.pending()));
    long from = sub.taken;
    domains.ask(domain, new StreamPageQuery(from, limit)).onComplete(ar -> {
      sub.fetching = false;
      if (subs.get(sub.id()) != sub) {
        return; // deleted meanwhile
      }
      if (ar.failed()) {
        LOG.warn("webhook {} of domain {} cannot read the journal after {}; trying again: {}", sub.id(), domain, from,
            ar.cause().getMessage());
        vertx.setTimer(RETRY_READ_MILLIS, id -> pump(sub));
        return;
      }
      StreamPage page = ar.result();
      long now = clock.getAsLong();
      for (StreamPage.Streamed s : page.events()) {
        long seq = s.entry().seq();
        if (seq <= sub.taken) {
          continue;
        }
        headSeen = Math.max(headSeen, seq);
        sub.take(domain, seq, EventJson.streamed(domain, seq, s.entry().recorded(), s.subject()), now);
      }
      drain(sub);
      if (sub.taken > from) {
        pump(sub);
      }
    });
  }

  // ------------------------------------------------------------------ attempts

  /** Sends the first delivery of every ready lane, as far as the webhook's in-flight limit allows. */
  private void drain(Subscription sub) {
    while (sub.inFlight < MAX_IN_FLIGHT && !sub.ready.isEmpty()) {
      Delivery d = sub.head(sub.ready.poll());
      if (d != null && !d.sending && d.timer < 0) {
        attempt(sub, d);
      }
    }
  }

  private void attempt(Subscription sub, Delivery d) {
    sub.inFlight++;
    d.sending = true;
    d.attempts++;
    long now = clock.getAsLong();
    d.lastAttemptAt = now;
    d.nextAttemptAt = null;
    WebhookSpec spec = sub.spec;
    sender.post(spec, d, now).onComplete(ar -> {
      sub.inFlight--;
      d.sending = false;
      if (subs.get(sub.id()) != sub) {
        return;
      }
      if (ar.succeeded() && ar.result() / 100 == 2) {
        d.lastStatus = ar.result();
        d.lastError = null;
        sub.settle(d, Delivery.State.DELIVERED);
        metrics.delivered();
      } else {
        failed(sub, d, ar.succeeded() ? ar.result() : null, ar.succeeded() ? "HTTP " + ar.result()
            : String.valueOf(ar.cause().getMessage()));
      }
      drain(sub);
      pump(sub);
    });
  }

  private void failed(Subscription sub, Delivery d, Integer status, String error) {
    long now = clock.getAsLong();
    d.lastStatus = status;
    d.lastError = error;
    long delay = options.backoff(d.attempts, ThreadLocalRandom.current().nextDouble());
    if (d.attempts >= options.maxAttempts() || now + delay - d.createdAt > options.maxAgeMillis()) {
      sub.settle(d, Delivery.State.FAILED);
      metrics.failed();
      LOG.atWarn().addKeyValue("domain", domain).addKeyValue("webhook", sub.id()).addKeyValue("event", d.eventId)
          .log("webhook delivery given up after {} attempt(s): {}", d.attempts, error);
      return;
    }
    metrics.retried();
    d.nextAttemptAt = now + delay;
    d.timer = vertx.setTimer(delay, id -> {
      d.timer = -1;
      if (subs.get(sub.id()) == sub) {
        sub.ready.add(d.lane);
        drain(sub);
      }
    });
  }

  // ------------------------------------------------------------------ positions

  private void save() {
    if (!saving) {
      saveNow();
    }
  }

  /** Saves where every webhook stands, if that moved since the last save. */
  private Future<Void> saveNow() {
    long pending = 0;
    for (Subscription sub : subs.values()) {
      pending += sub.pending();
    }
    metrics.pending(pending);
    if (!ready) {
      return Future.succeededFuture();
    }
    long scanned = headSeen;
    Map<String, Long> delivered = new TreeMap<>();
    for (Subscription sub : subs.values()) {
      scanned = Math.min(scanned, sub.taken);
      if (!sub.awaitingCreation) {
        delivered.put(sub.id(), sub.delivered());
      }
    }
    String state = scanned + " " + delivered;
    if (state.equals(lastSaved)) {
      return Future.succeededFuture();
    }
    saving = true;
    return positions.save(domain, scanned, delivered)
        .onSuccess(v -> lastSaved = state)
        .onFailure(err -> LOG.warn("webhook positions of domain {} not saved (retrying): {}", domain, err.getMessage()))
        .eventually(() -> {
          saving = false;
          return Future.succeededFuture();
        });
  }

  // ------------------------------------------------------------------ questions

  /** {@code {"webhook": id, "limit": n}}: the webhook's latest deliveries, newest first. */
  private void answer(Message<JsonObject> m) {
    String id = m.body().getString("webhook");
    int limit = Math.max(1, Math.min(MAX_LISTED, m.body().getInteger("limit", MAX_LISTED)));
    Subscription sub = subs.get(id);
    JsonObject out = new JsonObject().put("webhook", id).put("known", sub != null);
    if (sub != null) {
      out.put("pending", sub.pending()).put("deliveredThrough", domain + ":" + sub.delivered())
          .put("deliveries", DeliveryJson.list(sub.recent(limit)));
    }
    m.reply(out);
  }
}

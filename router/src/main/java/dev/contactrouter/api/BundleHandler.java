package dev.contactrouter.api;

import dev.contactrouter.api.AuditHandler.TimeRange;
import dev.contactrouter.audit.BundleWriter;
import dev.contactrouter.audit.SigningKey;
import dev.contactrouter.engine.DomainClient;
import dev.contactrouter.engine.DomainQuery.AuditPageQuery;
import dev.contactrouter.engine.DomainQuery.JournalHeadQuery;
import dev.contactrouter.engine.DomainQuery.StoredPageQuery;
import dev.contactrouter.store.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed audit bundles for auditors ({@code GET /v1/audit/bundle}) and the public key they are
 * checked with ({@code GET /v1/audit/signing-key}). A bundle is built in a temporary file, a page
 * of events at a time (the pages come from the domain's writer; the zip is written, hashed and
 * signed on a worker thread), so a range of any length takes the memory of one page; the file is
 * sent once whole and then deleted. A journal that fails half-way gets a 503, never half a bundle.
 */
final class BundleHandler extends DomainHandler {
  private static final Logger LOG = LoggerFactory.getLogger(BundleHandler.class);
  /** Events read from the writer at a time (its own bound on a page of the audit trail). */
  static final int PAGE = 5_000;

  private final SigningKey key;

  BundleHandler(DomainClient domains, String domain, SigningKey key) {
    super(domains, domain);
    this.key = key;
  }

  void exportAuditBundle(RoutingContext ctx) {
    Principal caller = ctx.get(Principal.CONTEXT_KEY);
    TimeRange.asked(ctx)
        .compose(range -> {
          BundleWriter.Export export = new BundleWriter.Export(domain, range.from(), range.to(), caller.actor(),
              System.currentTimeMillis());
          return span(export, range.from(), 0, Span.EMPTY)
              .compose(span -> build(ctx.vertx(), export, span))
              .onSuccess(file -> send(ctx, range.fileName("audit-bundle", domain, "zip"), file));
        })
        .onFailure(ctx::fail);
  }

  void getAuditSigningKey(RoutingContext ctx) {
    Requests.json(ctx, 200, new JsonObject()
        .put("algorithm", SigningKey.ALGORITHM)
        .put("fingerprint", key.fingerprint())
        .put("publicKeyPem", key.publicKeyPem())
        .put("origin", key.origin()));
  }

  /** The seqs of the first and last event with {@code at} in the range: the bundle covers them and all between. */
  private record Span(long first, long last) {
    static final Span EMPTY = new Span(Long.MAX_VALUE, Long.MIN_VALUE);

    Span with(List<StoredEvent> page) {
      long lo = first;
      long hi = last;
      for (StoredEvent e : page) {
        lo = Math.min(lo, e.seq());
        hi = Math.max(hi, e.seq());
      }
      return new Span(lo, hi);
    }

    boolean empty() {
      return last < first;
    }
  }

  /** Reads the range's events a page at a time (keeping only the lowest and highest seq). */
  private Future<Span> span(BundleWriter.Export export, long afterAt, long afterSeq, Span sofar) {
    return domains.ask(domain, new AuditPageQuery(afterAt, afterSeq, export.toMillis(), PAGE)).compose(page -> {
      Span span = sofar.with(page);
      if (page.size() < PAGE) {
        return Future.succeededFuture(span);
      }
      StoredEvent last = page.get(page.size() - 1);
      return span(export, last.at(), last.seq(), span);
    });
  }

  private Future<Path> build(Vertx vertx, BundleWriter.Export export, Span span) {
    return vertx.executeBlocking(() -> BundleWriter.create(export, Files.createTempFile("audit-bundle-", ".zip")))
        .compose(writer -> (span.empty() ? Future.<Void>succeededFuture() : copy(vertx, writer, span.first() - 1, span.last()))
            // The head is read after the events, so it is at or after the last one.
            .compose(v -> domains.ask(domain, new JournalHeadQuery()))
            .compose(head -> vertx.executeBlocking(() -> writer.finish(head, key)))
            .recover(err -> vertx.executeBlocking(() -> {
              writer.close();
              Files.deleteIfExists(writer.file());
              return null;
            }).transform(v -> Future.failedFuture(err))));
  }

  /** Copies the events after {@code afterSeq} up to {@code lastSeq} from the journal into the bundle. */
  private Future<Void> copy(Vertx vertx, BundleWriter writer, long afterSeq, long lastSeq) {
    if (afterSeq >= lastSeq) {
      return Future.succeededFuture();
    }
    return domains.ask(domain, new StoredPageQuery(afterSeq, (int) Math.min(PAGE, lastSeq - afterSeq)))
        .compose(page -> {
          List<StoredEvent> wanted = page.stream().filter(e -> e.seq() <= lastSeq).toList();
          if (wanted.isEmpty()) {
            return Future.succeededFuture();
          }
          long reached = wanted.get(wanted.size() - 1).seq();
          return vertx.executeBlocking(() -> {
            writer.append(wanted);
            return reached;
          }).compose(next -> copy(vertx, writer, next, lastSeq));
        });
  }

  private void send(RoutingContext ctx, String name, Path file) {
    ctx.response()
        .putHeader("Content-Type", "application/zip")
        .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .putHeader("Cache-Control", "no-store")
        .sendFile(file.toString())
        .onComplete(sent -> {
          if (sent.failed()) {
            LOG.warn("audit bundle of domain {} not sent: {}", domain, sent.cause().getMessage());
          }
          ctx.vertx().fileSystem().delete(file.toString());
        });
  }
}

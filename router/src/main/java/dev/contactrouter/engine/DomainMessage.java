package dev.contactrouter.engine;

import dev.contactrouter.core.Command;

/**
 * Everything the API verticles and a domain's writer say to each other, handed over directly in
 * one process ({@link LocalWriters}) or over the event bus ({@link Addresses#domain}): a {@link
 * Submit}ted command is answered with an {@link Outcome}, a {@link DomainQuery} with an {@link
 * Answer} carrying the query's typed result. Inside one JVM these objects pass by reference (nor
 * does {@link DomainMessageCodec} copy them), so every one of them, and everything they hold, is
 * immutable; only a message that leaves the process is encoded.
 */
public sealed interface DomainMessage permits DomainMessage.Submit, DomainMessage.Answer, DomainQuery, Outcome {

  /**
   * A command for the writer to decide, with the client's {@code Idempotency-Key} and the
   * fingerprint of the request that carried it (both null when it sent none).
   */
  record Submit(Command command, String idempotencyKey, String fingerprint) implements DomainMessage {}

  /**
   * The writer's answer to {@code query}: {@code value} is of the query's result type (the codec
   * reads it back as that type on another node).
   */
  record Answer(DomainQuery<?> query, Object value) implements DomainMessage {}
}

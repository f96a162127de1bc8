package dev.contactrouter.audit;

import java.util.List;

/**
 * What an audit bundle holds: one zip file an auditor verifies offline with {@code java -jar
 * contact-router.jar verify-bundle FILE}.
 *
 * <ul>
 *   <li>{@value #EVENTS}: a contiguous stretch of one domain's journal, one event a line as the
 *       audit export writes it (domain, seq, at, actor, type, lookup ids, the exact stored text in
 *       {@code payload}, {@code prevHash}, {@code hash});
 *   <li>{@value #ANCHORS}: the hash before the first event ({@code before}), the last event's
 *       ({@code last}) and the domain's head when the bundle was made ({@code head}), so the
 *       stretch verifies on its own and can be compared with a later export;
 *   <li>{@value #PUBLIC_KEY}: the Ed25519 public key that signed the manifest;
 *   <li>{@value #MANIFEST}: domain, time range asked for, the seq range it covers and how it was
 *       chosen, counts, the SHA-256 of each file above, who exported it when, engine version and
 *       event format, the key's fingerprint;
 *   <li>{@value #SIGNATURE}: the Ed25519 signature of the manifest's exact bytes, base64.
 * </ul>
 *
 * The chain of hashes ties every event to the anchors, the manifest ties every file to itself by
 * hash, and the signature ties the manifest to the key: a change anywhere shows.
 */
public final class AuditBundle {
  /** The bundle layout this build writes and reads. */
  public static final int FORMAT = 1;
  public static final String EVENTS = "events.ndjson";
  public static final String ANCHORS = "anchors.json";
  public static final String PUBLIC_KEY = "public-key.pem";
  public static final String MANIFEST = "manifest.json";
  public static final String SIGNATURE = "manifest.sig";
  /** The files the manifest lists with their hashes, in the order they are written. */
  public static final List<String> HASHED = List.of(EVENTS, ANCHORS, PUBLIC_KEY);
  /** Every file of a bundle. */
  public static final List<String> FILES = List.of(EVENTS, ANCHORS, PUBLIC_KEY, MANIFEST, SIGNATURE);
  /** How the seq range is chosen, as the manifest states it. */
  public static final String COVERAGE = "every event of the domain from firstSeq to lastSeq, one by one: "
      + "the first and the last event whose at is in [from, to) and every event between them (an event between "
      + "them whose at falls outside the range, as after a clock step, is included so the chain has no gap); "
      + "eventsInRange of them have at in [from, to)";

  private AuditBundle() {}
}

/**
 * The formats of what the engine keeps on disk: journal events ({@link
 * dev.contactrouter.store.format.EventFormat}), snapshots ({@link
 * dev.contactrouter.store.format.SnapshotFormat}) and timer payloads ({@link
 * dev.contactrouter.store.format.TimerFormat}). They live here, apart from the API's JSON
 * ({@code dev.contactrouter.codec}), which may change freely; these change only as below. They
 * use nothing but {@code core} and Vert.x's JSON, and nothing in {@code store} imports the API or
 * its codecs (a test scans for it).
 *
 * <h2>Versions</h2>
 *
 * <p>Each kind has its own {@code VERSION}, the format its encoder writes: events 1, snapshots 3,
 * timer payloads 1. A snapshot names its format twice, in the {@code format} column of {@code
 * journal_snapshots} and as the first field of its text. Event and timer payloads of format 1
 * carry no version field (they are what the engine wrote before formats had numbers); every later
 * format starts its payload with {@code "format": N}. The version is kept in the payload rather
 * than a column because the payload is what the hash chain covers and what a timer carries.
 *
 * <p>Bump a kind's {@code VERSION} whenever its encoder would write anything else than before for
 * a value it could already hold: a field renamed, dropped or retyped, a value written another way.
 * The golden tests fail on such a change made without a bump.
 *
 * <p>What only adds is a new <em>revision</em> of the same version instead: a new kind of event or
 * timer command, or a new field written only when it is set (so every value the format could hold
 * before is written exactly as before). A revision gets a golden file of its own beside the old
 * ones ({@code events-v1-r2.ndjson}: revision 2 of event format 1, for the calls a switch holds),
 * written once from its fixture ({@code GoldenEvents.revision2()}) and held to the byte like the
 * first. A journal written by a newer revision may hold events an older build cannot read: the
 * engine is upgraded, never downgraded, over its journal.
 *
 * <p>Revision 12 of event format 1 seals customers' personal fields with a per-customer data key
 * ({@link dev.contactrouter.store.format.Sealing}): the fields move into a {@code "sealed"} field
 * written only when a key was given and a personal field is set, so every event stored without a
 * key is written exactly as before. Events of earlier revisions hold those fields in clear, and an
 * erasure (which destroys the key) cannot reach them.
 *
 * <p>A bump takes:
 *
 * <ol>
 *   <li>the encoder writes the new form, starting with {@code "format": N};
 *   <li>{@code decode} keeps reading every earlier format of events and timers, because a journal
 *       is never rewritten (its hashes cover its bytes) and a timer armed by an older build may
 *       fire in a newer one. A snapshot format may instead stop being read: recovery then replays
 *       the journal from the start;
 *   <li>new golden files beside the old ones: extend the fixture ({@code GoldenEvents}, {@code
 *       GoldenSnapshot}) for the new version and run {@code WriteGoldenFiles} for it. Golden files
 *       already written are never edited, and the tests keep decoding them.
 * </ol>
 *
 * <p>Archived months of the journal ({@code dev.contactrouter.store.ArchiveFile}, format 1) are a
 * stored kind too, kept in {@code store} because each line is a {@code StoredEvent} with its hash
 * chain columns; its golden file is {@code archive-v1.ndjson} (the text inside the gzip stream).
 */
package dev.contactrouter.store.format;

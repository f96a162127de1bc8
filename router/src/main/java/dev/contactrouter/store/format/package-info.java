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
 * a value: a field renamed, added, dropped or retyped, a value written another way, a new event
 * type or timer command. The golden tests fail on such a change made without a bump. A bump takes:
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
 */
package dev.contactrouter.store.format;

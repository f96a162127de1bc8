package dev.contactrouter.store;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where customers' data keys are kept (crypto-shredding). A key is created by the append that
 * first seals an event with it, in the same transaction, so no event is durable without its key;
 * it is destroyed by the append of the {@code personal_data_erased} event that names it, in the
 * same transaction too. Those writes are the journal's ({@link Journal#append}); this interface is
 * the read side every decoder uses.
 *
 * <p>Implementations: {@link PgJournal} (table {@code customer_keys}) and {@link MemoryJournal}.
 * A key management service plugs in by wrapping: the table then holds each data key encrypted
 * under the service's master key (envelope encryption), {@link #secrets} unwraps them through the
 * service, and destroying the row (or the master key, for a whole domain) still shreds the data.
 */
public interface KeyStore {

  /** The secrets of those of these keys that still exist, by key id; a destroyed key is absent. */
  Future<Map<String, byte[]>> secrets(String domain, Collection<String> keyIds);

  /** The ids of every live data key of one customer (a customer may have several). */
  Future<List<String>> keysOf(String domain, String customerId);
}

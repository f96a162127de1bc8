package dev.contactrouter.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

/**
 * Slows down password guessing at {@code POST /v1/auth/login}: failed sign-ins are counted per
 * user name and per client address, and once a count reaches its limit ({@link #USER_FAILURES}
 * for a user, {@link #ADDRESS_FAILURES} for an address, which an office's users may share) every
 * further failure locks sign-ins for that user or address for a delay that starts at one second
 * and doubles with each failure, up to {@link #MAX_DELAY_SECONDS}. While locked, attempts are
 * refused without checking the password. A successful sign-in clears the user's count (not the
 * address's: a guesser's own account must not clear it); counts are forgotten {@link
 * #FORGET_MILLIS} after their last failure.
 *
 * <p>The counts are kept in Vert.x's shared async map, so every API instance of a node, and in a
 * cluster every node, counts the same failures: spreading guesses over connections or nodes does
 * not multiply them. Concurrent failures for one key are folded with compare-and-set, retried a
 * few times; under heavier contention than that a failure may go uncounted.
 */
final class SignInThrottle {
  static final int USER_FAILURES = 5;
  static final int ADDRESS_FAILURES = 20;
  static final long MAX_DELAY_SECONDS = 900;
  static final long FORGET_MILLIS = 900_000;
  private static final int CAS_ATTEMPTS = 5;
  private static final String MAP = "contact-router.sign-in-failures";

  /**
   * Where a user and an address stand.
   *
   * @param failures the larger of the two failure counts (against its own limit's side)
   * @param retryAfterSeconds whole seconds until sign-ins are checked again; 0 when they are now
   */
  record Verdict(int failures, long retryAfterSeconds) {
    boolean locked() {
      return retryAfterSeconds > 0;
    }

    private Verdict worse(Verdict other) {
      return new Verdict(Math.max(failures, other.failures), Math.max(retryAfterSeconds, other.retryAfterSeconds));
    }
  }

  private final Vertx vertx;
  private Future<AsyncMap<String, JsonObject>> map;

  SignInThrottle(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Whether a sign-in of {@code user} from {@code address} may be checked at {@code now}. */
  Future<Verdict> check(String user, String address, long now) {
    return map().compose(m -> Future.all(m.get(userKey(user)), m.get(addressKey(address))))
        .map(all -> verdict(all.resultAt(0), now).worse(verdict(all.resultAt(1), now)));
  }

  /** Counts a failed sign-in against the user and the address; tells where they stand after it. */
  Future<Verdict> failed(String user, String address, long now) {
    return Future.all(count(userKey(user), USER_FAILURES, now), count(addressKey(address), ADDRESS_FAILURES, now))
        .map(all -> ((Verdict) all.resultAt(0)).worse(all.resultAt(1)));
  }

  /** A successful sign-in: the user's failures are forgotten. */
  Future<Void> succeeded(String user) {
    return map().compose(m -> m.remove(userKey(user))).mapEmpty();
  }

  /** The delay a failure count earns: none below the limit, then 1 s doubling per failure, capped. */
  static long delaySeconds(int failures, int limit) {
    if (failures < limit) {
      return 0;
    }
    int doublings = Math.min(failures - limit, 20);
    return Math.min(MAX_DELAY_SECONDS, 1L << doublings);
  }

  private Future<Verdict> count(String key, int limit, long now) {
    return map().compose(m -> count(m, key, limit, now, CAS_ATTEMPTS));
  }

  private Future<Verdict> count(AsyncMap<String, JsonObject> m, String key, int limit, long now, int attempts) {
    return m.get(key).compose(old -> {
      int failures = old == null ? 1 : old.getInteger("failures", 0) + 1;
      long delay = delaySeconds(failures, limit);
      JsonObject next = new JsonObject().put("failures", failures).put("lockedUntil", now + delay * 1000);
      long ttl = FORGET_MILLIS + delay * 1000;
      // Compare-and-set with a time to live, in the operations every cluster manager has (the
      // Hazelcast map has no replaceIfPresent with a TTL): take the old entry out only if it is
      // unchanged, then put the new one only if the key is still free.
      Future<Boolean> taken = old == null ? Future.succeededFuture(true) : m.removeIfPresent(key, old);
      Future<Boolean> stored = taken.compose(free -> free
          ? m.putIfAbsent(key, next, ttl).map(previous -> previous == null)
          : Future.succeededFuture(false));
      return stored.compose(done -> {
        if (done || attempts <= 1) {
          // Out of attempts under contention: the count may be one short; the next failure adds it.
          return Future.succeededFuture(new Verdict(failures, delay));
        }
        return count(m, key, limit, now, attempts - 1);
      });
    });
  }

  private static Verdict verdict(JsonObject entry, long now) {
    if (entry == null) {
      return new Verdict(0, 0);
    }
    long left = entry.getLong("lockedUntil", 0L) - now;
    return new Verdict(entry.getInteger("failures", 0), left <= 0 ? 0 : (left + 999) / 1000);
  }

  private static String userKey(String user) {
    return "user:" + user;
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }

  private Future<AsyncMap<String, JsonObject>> map() {
    if (map == null || map.failed()) {
      map = vertx.sharedData().getAsyncMap(MAP);
    }
    return map;
  }
}

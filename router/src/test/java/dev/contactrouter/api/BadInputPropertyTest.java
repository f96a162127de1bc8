package dev.contactrouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.testing.EngineUnderTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Thousands of generated malformed requests against a running engine: unknown and missing
 * fields, wrong types, huge numbers, deep nesting, invalid UTF-8, garbage, oversized bodies,
 * malformed path ids. Every one must get a 4xx problem+json (never a 5xx), nothing may reach the
 * journal, and the engine must still route correctly afterwards.
 */
class BadInputPropertyTest {
  private static EngineUnderTest engine;
  private static long seqBefore;

  /** A valid request that each mutation below makes invalid in one known way. */
  record Target(String method, String path, String bearer, JsonObject body, List<String> required) {}

  record Malformed(String what, String method, String path, String bearer, byte[] body) {}

  private static final List<Target> TARGETS = List.of(
      new Target("POST", "/v1/contacts", EngineUnderTest.TELEPHONY, new JsonObject().put("channel", "voice").put("queue", "stocks")
          .put("skills", new JsonObject().put("mandarin", 3)).put("priority", 10)
          .put("customer", new JsonObject().put("id", "c-1").put("tier", "vip").put("riskLevel", 3))
          .put("attributes", new JsonObject().put("ivr", "1-2")).put("externalId", "call-1"), List.of("channel", "queue")),
      new Target("PUT", "/v1/queues/stocks", EngineUnderTest.ADMIN, new JsonObject().put("name", "Stocks").put("channel", "voice")
          .put("skills", new JsonObject().put("stocks", 2)).put("priority", 10).put("agingRate", 0.5)
          .put("offerTimeoutSeconds", 15).put("wrapUpSeconds", 30), List.of("name")),
      new Target("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei")
          .put("skills", new JsonObject().put("stocks", 4)).put("licences", new JsonArray().add("practitioner"))
          .put("site", "hq").put("capacity", new JsonObject().put("voice", 1).put("chat", 3)), List.of("name")),
      new Target("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, new JsonObject().put("status", "not_ready").put("reason", "break"),
          List.of("status")),
      new Target("POST", "/v1/contacts/x-1/transfer", EngineUnderTest.SUPERVISOR, new JsonObject().put("queue", "stocks"), List.of()),
      new Target("POST", "/v1/contacts/x-1/complete", EngineUnderTest.A1, new JsonObject().put("disposition", "resolved")
          .put("notes", "ok"), List.of("disposition")),
      new Target("POST", "/v1/offers/x-1.1/reject", EngineUnderTest.A1, new JsonObject().put("reason", "busy"), List.of()),
      new Target("POST", "/v1/keys", EngineUnderTest.ADMIN, new JsonObject().put("role", "telephony").put("label", "x"),
          List.of("role")),
      new Target("POST", "/v1/auth/login", null, new JsonObject().put("username", "li").put("password", "pw"),
          List.of("username", "password")));

  @BeforeContainer
  static void start() {
    engine = EngineUnderTest.start(new JsonObject()
        .put("ROUTER_HTTP_INSTANCES", 1)
        .put("ROUTER_RATE_LIMIT_PER_SECOND", 0)
        .put("ROUTER_ADDRESS_RATE_LIMIT_PER_SECOND", 0)
        .put("ROUTER_BODY_LIMIT_BYTES", 16384));
    engine.ok("PUT", "/v1/queues/stocks", EngineUnderTest.ADMIN, new JsonObject().put("name", "Stocks").put("channel", "voice"));
    engine.ok("PUT", "/v1/agents/a1", EngineUnderTest.ADMIN, new JsonObject().put("name", "Li Wei"));
    seqBefore = seq();
  }

  @AfterContainer
  static void stillRoutesAndNothingRejectedWasJournaled() {
    try {
      assertThat(seq()).as("rejected requests left nothing in the journal").isEqualTo(seqBefore);
      engine.ok("PUT", "/v1/agents/a1/status", EngineUnderTest.A1, new JsonObject().put("status", "available"));
      JsonObject contact = engine.ok("POST", "/v1/contacts", EngineUnderTest.TELEPHONY,
          new JsonObject().put("channel", "voice").put("queue", "stocks"));
      assertThat(contact.getString("status")).isEqualTo("offered");
      engine.ok("POST", "/v1/offers/" + contact.getJsonObject("offer").getString("offerId") + "/accept", EngineUnderTest.A1, null);
      assertThat(engine.ok("GET", "/v1/queues/stocks/stats", EngineUnderTest.SUPERVISOR, null).getLong("answered")).isEqualTo(1);
    } finally {
      engine.close(); // and its Vert.x, failing if an event loop was blocked (jqwik runs no Jupiter extension)
    }
  }

  @Property(tries = 2500)
  void malformedRequestsGetAClientErrorAndChangeNothing(@ForAll("malformed") Malformed m) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(engine.uri(m.path())).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .method(m.method(), HttpRequest.BodyPublishers.ofByteArray(m.body()));
    if (m.bearer() != null) {
      b.header("Authorization", "Bearer " + m.bearer());
    }
    HttpResponse<String> r = engine.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    String what = m.what() + " " + m.method() + " " + m.path() + " -> " + r.statusCode() + " " + r.body();
    assertThat(r.statusCode()).as(what).isBetween(400, 499);
    assertThat(r.headers().firstValue("Content-Type")).as(what).contains("application/problem+json");
    JsonObject problem = new JsonObject(r.body());
    assertThat(problem.getInteger("status")).as(what).isEqualTo(r.statusCode());
    assertThat(problem.getString("title")).as(what).isNotBlank();
  }

  @Provide
  Arbitrary<Malformed> malformed() {
    Arbitrary<Target> target = Arbitraries.of(TARGETS);
    return Arbitraries.oneOf(
        Combinators.combine(target, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12), anyValue())
            .as((t, name, value) -> json("unknown field", t, t.body().copy().put("zz" + name, value))),
        Combinators.combine(target, Arbitraries.integers().between(0, 100))
            .as((t, i) -> {
              List<String> fields = new ArrayList<>(t.body().fieldNames());
              String field = fields.get(i % fields.size());
              return json("wrong type at " + field, t, t.body().copy().put(field, otherType(t.body().getValue(field), i)));
            }),
        target.filter(t -> !t.required().isEmpty()).flatMap(t -> Arbitraries.of(t.required())
            .map(field -> {
              JsonObject body = t.body().copy();
              body.remove(field);
              return json("missing " + field, t, body);
            })),
        Combinators.combine(target.filter(t -> numericField(t) != null), Arbitraries.of(
                1e308, -1e308, 1e40, -9.2e18, 2147483648.0, -1.0, 1.5))
            .as((t, n) -> json("number " + n, t, t.body().copy().put(numericField(t), n))),
        Combinators.combine(target, Arbitraries.integers().between(1100, 6000))
            .as((t, depth) -> raw("nested " + depth, t, ("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                .getBytes(StandardCharsets.UTF_8))),
        target.map(t -> {
          byte[] valid = t.body().encode().getBytes(StandardCharsets.UTF_8);
          byte[] broken = new byte[valid.length + 4];
          System.arraycopy(valid, 0, broken, 0, 2);
          broken[2] = (byte) 0xC3;
          broken[3] = (byte) 0x28; // not a continuation byte: invalid UTF-8
          broken[4] = (byte) 0xFF;
          broken[5] = (byte) 0xFE;
          System.arraycopy(valid, 2, broken, 6, valid.length - 2);
          return raw("invalid utf-8", t, broken);
        }),
        Combinators.combine(target, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(200))
            .as((t, bytes) -> raw("garbage", t, bytes))
            .filter(m -> !looksLikeJsonObject(m.body())),
        Combinators.combine(target, Arbitraries.integers().between(17_000, 80_000))
            .as((t, size) -> json("oversized", t, t.body().copy().put("zzPadding", "x".repeat(size)))),
        Combinators.combine(target, Arbitraries.of("[]", "null", "42", "\"text\"", "true", "{", "{}}", ""))
            .as((t, text) -> raw("not an object: " + text, t, text.getBytes(StandardCharsets.UTF_8)))
            .filter(m -> !(m.path().endsWith("/reject") && m.body().length == 0)),
        Arbitraries.of("/v1/agents/" + "a".repeat(65), "/v1/agents/-bad", "/v1/contacts/%00", "/v1/queues/a%20b",
                "/v1/contacts/" + "c".repeat(200), "/v1/keys/NOTHEX0000000000")
            .map(path -> new Malformed("bad id", "GET", path, EngineUnderTest.ADMIN, new byte[0])));
  }

  private static Arbitrary<Object> anyValue() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
        Arbitraries.just(new JsonObject().put("x", 1)),
        Arbitraries.just(new JsonArray().add(1)),
        Arbitraries.just(true));
  }

  /** A value of a JSON type other than {@code value}'s. */
  private static Object otherType(Object value, int pick) {
    List<Object> candidates = new ArrayList<>(List.of("text", 7, true, new JsonObject().put("k", "v"), new JsonArray().add("v")));
    candidates.removeIf(c -> sameJsonType(c, value));
    candidates.add(null);
    return candidates.get(pick % candidates.size());
  }

  private static boolean sameJsonType(Object a, Object b) {
    return (a instanceof Number && b instanceof Number) || (a != null && b != null && a.getClass() == b.getClass())
        || (a instanceof Map && b instanceof JsonObject) || (a instanceof JsonObject && b instanceof Map);
  }

  /** The first top-level number of the target's body, or null. */
  private static String numericField(Target t) {
    for (String f : t.body().fieldNames()) {
      if (t.body().getValue(f) instanceof Number) {
        return f;
      }
    }
    return null;
  }

  private static boolean looksLikeJsonObject(byte[] bytes) {
    try {
      new JsonObject(new String(bytes, StandardCharsets.UTF_8));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Malformed json(String what, Target t, JsonObject body) {
    return raw(what, t, body.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static Malformed raw(String what, Target t, byte[] body) {
    return new Malformed(what, t.method(), t.path(), t.bearer(), body);
  }

  private static long seq() {
    JsonObject health = new JsonObject(engine.send("GET", "/health", null, (JsonObject) null).body());
    return health.getJsonObject("domain").getLong("seq");
  }
}

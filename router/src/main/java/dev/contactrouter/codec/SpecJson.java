package dev.contactrouter.codec;

import dev.contactrouter.core.AgentProfile;
import dev.contactrouter.core.Channel;
import dev.contactrouter.core.ContactSpec;
import dev.contactrouter.core.Customer;
import dev.contactrouter.core.Licence;
import dev.contactrouter.core.QueueSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON for the core's configuration and contact records: the same shapes the API accepts, so a
 * journal entry reads like the request that caused it. Decoders assume input that has passed the
 * API schema (or was written by the encoders).
 */
public final class SpecJson {
  private SpecJson() {}

  // ------------------------------------------------------------------ queue

  public static JsonObject queue(QueueSpec q) {
    JsonObject json = new JsonObject()
        .put("id", q.id())
        .put("name", q.name());
    putIfSet(json, "channel", q.channel() == null ? null : q.channel().wire());
    json.put("skills", levels(q.skills()));
    putIfSet(json, "site", q.site());
    json.put("licences", new JsonArray(new ArrayList<>(q.licences())))
        .put("priority", q.priority())
        .put("agingRate", q.agingRate())
        .put("offerTimeoutSeconds", q.offerTimeoutSeconds())
        .put("wrapUpSeconds", q.wrapUpSeconds())
        .put("expectedHandleSeconds", q.expectedHandleSeconds());
    return json;
  }

  /** Decodes a queue body; {@code id} comes from the path when the body has none. */
  public static QueueSpec queue(String id, JsonObject json) {
    return new QueueSpec(
        id,
        json.getString("name"),
        channelOrNull(json.getString("channel")),
        levels(json.getJsonObject("skills")),
        json.getString("site"),
        strings(json.getJsonArray("licences")),
        json.getInteger("priority", 0),
        json.getDouble("agingRate", QueueSpec.DEFAULT_AGING_RATE),
        json.getInteger("offerTimeoutSeconds", QueueSpec.DEFAULT_OFFER_TIMEOUT_SECONDS),
        json.getInteger("wrapUpSeconds", QueueSpec.DEFAULT_WRAP_UP_SECONDS),
        json.getInteger("expectedHandleSeconds", QueueSpec.DEFAULT_EXPECTED_HANDLE_SECONDS));
  }

  // ------------------------------------------------------------------ agent

  public static JsonObject agent(AgentProfile a) {
    JsonObject json = new JsonObject()
        .put("id", a.id())
        .put("name", a.name())
        .put("skills", levels(a.skills()))
        .put("licences", licences(a.licences()));
    putIfSet(json, "site", a.site());
    putIfSet(json, "team", a.team());
    JsonObject capacity = new JsonObject();
    a.capacity().forEach((c, n) -> capacity.put(c.wire(), n));
    return json.put("capacity", capacity);
  }

  public static AgentProfile agent(String id, JsonObject json) {
    JsonObject cap = json.getJsonObject("capacity");
    Map<Channel, Integer> capacity = null;
    if (cap != null) {
      capacity = new EnumMap<>(Channel.class);
      for (String name : cap.fieldNames()) {
        capacity.put(channel(name), cap.getInteger(name));
      }
    }
    return new AgentProfile(
        id,
        json.getString("name"),
        levels(json.getJsonObject("skills")),
        licences(json.getJsonArray("licences")),
        json.getString("site"),
        json.getString("team"),
        capacity);
  }

  /** Licences as strings when they never expire, else {@code {"name","validUntil"}}. */
  public static JsonArray licences(List<Licence> licences) {
    JsonArray out = new JsonArray();
    for (Licence l : licences) {
      out.add(l.validUntil() == null
          ? l.name()
          : new JsonObject().put("name", l.name()).put("validUntil", instant(l.validUntil())));
    }
    return out;
  }

  public static List<Licence> licences(JsonArray json) {
    List<Licence> out = new ArrayList<>();
    if (json == null) {
      return out;
    }
    for (Object o : json) {
      if (o instanceof String s) {
        out.add(Licence.permanent(s));
      } else if (o instanceof JsonObject l) {
        String until = l.getString("validUntil");
        out.add(new Licence(l.getString("name"), until == null ? null : millis(until)));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- contact

  /** The full record, including the idempotency fields the journal keeps. */
  public static JsonObject contact(ContactSpec c) {
    JsonObject json = new JsonObject()
        .put("id", c.id())
        .put("channel", c.channel().wire())
        .put("queue", c.queue())
        .put("skills", levels(c.skills()))
        .put("priority", c.priority())
        .put("customer", customer(c.customer()))
        .put("attributes", new JsonObject(new LinkedHashMap<>(c.attributes())));
    putIfSet(json, "externalId", c.externalId());
    putIfSet(json, "site", c.site());
    json.put("requiredLicences", new JsonArray(new ArrayList<>(c.requiredLicences())));
    putIfSet(json, "idempotencyKey", c.idempotencyKey());
    putIfSet(json, "fingerprint", c.fingerprint());
    return json;
  }

  public static ContactSpec contact(JsonObject json) {
    return contact(json.getString("id"), json, json.getString("idempotencyKey"), json.getString("fingerprint"));
  }

  /** Decodes a new-contact body with the identity the engine gives it. */
  public static ContactSpec contact(String id, JsonObject json, String idempotencyKey, String fingerprint) {
    JsonObject attributes = json.getJsonObject("attributes");
    Map<String, String> attrs = new LinkedHashMap<>();
    if (attributes != null) {
      for (String k : attributes.fieldNames()) {
        attrs.put(k, String.valueOf(attributes.getValue(k)));
      }
    }
    return new ContactSpec(
        id,
        channel(json.getString("channel")),
        json.getString("queue"),
        levels(json.getJsonObject("skills")),
        json.getInteger("priority", 0),
        customer(json.getJsonObject("customer")),
        attrs,
        json.getString("externalId"),
        json.getString("site"),
        strings(json.getJsonArray("requiredLicences")),
        idempotencyKey,
        fingerprint);
  }

  public static JsonObject customer(Customer c) {
    JsonObject json = new JsonObject();
    putIfSet(json, "id", c.id());
    putIfSet(json, "name", c.name());
    putIfSet(json, "tier", c.tier());
    putIfSet(json, "riskLevel", c.riskLevel());
    return json;
  }

  public static Customer customer(JsonObject json) {
    if (json == null) {
      return Customer.ANONYMOUS;
    }
    return new Customer(
        json.getString("id"), json.getString("name"), json.getString("tier"), json.getInteger("riskLevel"));
  }

  // ---------------------------------------------------------------- helpers

  public static Channel channel(String wire) {
    return Channel.fromWire(wire).orElseThrow(() -> new IllegalArgumentException("unknown channel " + wire));
  }

  static Channel channelOrNull(String wire) {
    return wire == null ? null : channel(wire);
  }

  public static JsonObject levels(Map<String, Integer> levels) {
    JsonObject json = new JsonObject();
    levels.forEach(json::put);
    return json;
  }

  public static Map<String, Integer> levels(JsonObject json) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (json != null) {
      for (String k : json.fieldNames()) {
        out.put(k, json.getInteger(k));
      }
    }
    return out;
  }

  public static Set<String> strings(JsonArray json) {
    Set<String> out = new LinkedHashSet<>();
    if (json != null) {
      for (Object o : json) {
        out.add((String) o);
      }
    }
    return out;
  }

  public static String instant(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  public static String instant(Long millis) {
    return millis == null ? null : instant(millis.longValue());
  }

  public static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  public static Long millisOrNull(String iso) {
    return iso == null ? null : millis(iso);
  }

  static void putIfSet(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}

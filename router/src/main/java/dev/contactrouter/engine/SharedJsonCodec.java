package dev.contactrouter.engine;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * How a writer's notices (events on the domain's stream, agents' messages) travel on the event
 * bus: within one JVM every consumer gets the very object the writer published, where Vert.x's
 * own JSON codec would give each consumer a deep copy, built on the writer's thread. On the
 * writer that copying was its largest allocation at intake (one copy per event per consumer: the
 * webhooks, every open event stream, board and agent socket). A message that leaves the process
 * is encoded as Vert.x's JSON codec encodes it.
 *
 * <p>The price is a rule: <b>a published notice is never changed</b>, by the writer once it is
 * handed over or by any consumer. Consumers read it (fields, {@code encode()}, {@code toBuffer()})
 * from their own event loops at the same time, which is safe only while nobody writes to it.
 */
public final class SharedJsonCodec implements MessageCodec<JsonObject, JsonObject> {
  public static final String NAME = "contact-router-shared-json";
  private static final DeliveryOptions SHARED = new DeliveryOptions().setCodecName(NAME);

  /** Registers the codec on this event bus (once: later calls find it there). Every node that sends or hears notices calls it. */
  public static void install(EventBus bus) {
    try {
      bus.registerCodec(new SharedJsonCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // another writer or client of this Vert.x instance registered it
    }
  }

  /** Publishes {@code notice} with this codec (installed on {@code bus}); it must never change again. */
  public static void publish(EventBus bus, String address, JsonObject notice) {
    bus.publish(address, notice, SHARED);
  }

  @Override
  public void encodeToWire(Buffer buffer, JsonObject json) {
    Buffer encoded = json.toBuffer();
    buffer.appendInt(encoded.length()).appendBuffer(encoded);
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
  }

  @Override
  public JsonObject transform(JsonObject json) {
    return json;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}

package dev.contactrouter.engine;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link DomainMessage}s travel on the event bus. Within one JVM they pass by reference
 * ({@link #transform} returns the object itself: they are immutable), so a local request and its
 * reply are never encoded. Only a message that really leaves the process (the API on one node, the
 * domain's writer on another) is encoded, here, as JSON written by Jackson databind from the
 * records themselves.
 *
 * <p>Why Jackson rather than hand-written JSON per type: what crosses is every query, command and
 * outcome with every view and spec they hold (a contact view alone nests a dozen records), and
 * these change as the model grows. A codec written per type is a second copy of each record's
 * shape, and one forgotten field loses data silently; Jackson reads the records' own components
 * and builds them through their canonical constructors (which copy collections into immutable
 * ones), and a shape it cannot carry fails loudly, which {@code DomainMessageCodecTest} checks
 * for every message type by a round trip. The stored formats (journal, snapshots, timers) keep
 * their own hand-written, versioned codecs: this form only ever lives between two running nodes.
 *
 * <p>Safety: a type id is written only where the declared type is one of the engine's own sealed
 * interfaces ({@code Command}, {@code Event}, {@code Reply}, {@code DomainQuery}, ...), and a type
 * id read is accepted only if it names a {@code dev.contactrouter.} class that is a subtype of the
 * declared one ({@link PolymorphicTypeValidator}): no other class is ever loaded or built from the
 * wire. Collections carry no type ids; they are read as their declared interface and copied by
 * the records. An {@link DomainMessage.Answer}'s value is read as the result type its query
 * declares ({@code DomainQuery<T>}).
 *
 * <p>Frame: an int length, the int {@link #VERSION}, a byte for the kind (a message, or an
 * answer: its query then its value), then UTF-8 JSON. A node that reads another version (or a
 * shape it does not know) fails with {@link Unreadable} saying so rather than misreading the
 * message; the request is answered 503, as while a writer is unreachable, so a client retries
 * until the nodes run one version again.
 */
public final class DomainMessageCodec implements MessageCodec<DomainMessage, DomainMessage> {
  public static final String NAME = "router.domain-message";
  /**
   * Bumped whenever a record that travels changes shape; every node of a cluster must speak the same.
   * 4: the erasure's command ({@code ErasePersonalData}), event ({@code PersonalDataErased}) and
   * reply ({@code Erased}) travel.
   */
  public static final int VERSION = 4;
  private static final byte MESSAGE = 'M';
  private static final byte ANSWER = 'A';
  private static final int HEADER = 4 + 1;

  private final ObjectMapper mapper;
  private final ObjectWriter messages;
  private final ObjectReader messageReader;
  private final ObjectReader wholeMessageReader;

  public DomainMessageCodec() {
    PolymorphicTypeValidator ours = BasicPolymorphicTypeValidator.builder()
        .allowIfSubType("dev.contactrouter.")
        .build();
    SimpleModule wire = new SimpleModule("router-wire")
        // java.time without the jsr310 module: dates as ISO text, like the API
        .addSerializer(LocalDate.class, ToStringSerializer.instance)
        .addDeserializer(LocalDate.class, new LocalDateDeserializer())
        .addKeyDeserializer(LocalDate.class, new LocalDateKeyDeserializer())
        // sets keep the order they were written in (the API renders them in that order)
        .addAbstractTypeMapping(Set.class, LinkedHashSet.class);
    this.mapper = JsonMapper.builder()
        .setDefaultTyping(new OwnSealedTypes(ours)
            .init(JsonTypeInfo.Id.CLASS, null)
            .inclusion(JsonTypeInfo.As.PROPERTY)
            .typeProperty("@type"))
        .addModule(wire)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
    this.messages = mapper.writerFor(DomainMessage.class);
    this.messageReader = mapper.readerFor(DomainMessage.class);
    this.wholeMessageReader = messageReader.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * Registers the codec on this event bus (once: later calls find it there) and has it chosen for
   * every {@link DomainMessage}. Both ends call it: the API's {@link DomainClient} and the writer.
   * An event bus has one codec selector: this is the engine's (it chooses nothing for any other
   * body, which goes to Vert.x's own codecs as before).
   */
  public static void install(EventBus bus) {
    try {
      bus.registerCodec(new DomainMessageCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // another client or writer of this Vert.x instance registered it
    }
    bus.codecSelector(body -> body instanceof DomainMessage ? NAME : null);
  }

  @Override
  public DomainMessage transform(DomainMessage message) {
    return message;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  @Override
  public void encodeToWire(Buffer buffer, DomainMessage message) {
    byte[] json = encode(message);
    buffer.appendInt(HEADER + json.length)
        .appendInt(VERSION)
        .appendByte(message instanceof DomainMessage.Answer ? ANSWER : MESSAGE)
        .appendBytes(json);
  }

  @Override
  public DomainMessage decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    int version = buffer.getInt(pos + 4);
    if (version != VERSION) {
      throw new Unreadable("a node sent a domain message in protocol version " + version
          + " and this node speaks version " + VERSION + ": run the same router version on every node of the cluster",
          null);
    }
    byte kind = buffer.getByte(pos + 8);
    byte[] json = buffer.getBytes(pos + 4 + HEADER, pos + 4 + length);
    return decode(kind, json);
  }

  /**
   * A message from another node that this one cannot read: another protocol version, or a shape
   * it does not know. Nothing was done with it.
   */
  public static final class Unreadable extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The JSON of a message as it crosses the wire (without the frame). */
  byte[] encode(DomainMessage message) {
    try {
      if (!(message instanceof DomainMessage.Answer answer)) {
        return messages.writeValueAsBytes(message);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      try (JsonGenerator g = mapper.createGenerator(out)) {
        g.writeStartArray();
        messages.writeValue(g, answer.query());
        JavaType type = resultType(answer.query());
        Object value = answer.value();
        if (type.hasRawClass(Optional.class)) {
          type = type.containedType(0);
          value = ((Optional<?>) value).orElse(null);
        }
        mapper.writerFor(type).writeValue(g, value);
        g.writeEndArray();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName() + " for the wire", e);
    }
  }

  /** A message from its wire JSON. */
  DomainMessage decode(byte kind, byte[] json) {
    try {
      if (kind == MESSAGE) {
        return wholeMessageReader.readValue(json);
      }
      if (kind != ANSWER) {
        throw new Unreadable("not a domain message frame (kind " + kind + ")", null);
      }
      try (JsonParser p = mapper.createParser(json)) {
        expect(p, JsonToken.START_ARRAY);
        p.nextToken();
        DomainMessage query = messageReader.readValue(p);
        if (!(query instanceof DomainQuery<?> q)) {
          throw new Unreadable("an answer to " + query.getClass().getSimpleName() + ", not to a query", null);
        }
        JavaType type = resultType(q);
        p.nextToken();
        Object value;
        if (type.hasRawClass(Optional.class)) {
          value = Optional.ofNullable(p.currentToken() == JsonToken.VALUE_NULL
              ? null : mapper.readerFor(type.containedType(0)).readValue(p));
        } else {
          value = mapper.readerFor(type).readValue(p);
        }
        expect(p, JsonToken.END_ARRAY);
        return new DomainMessage.Answer(q, value);
      }
    } catch (IOException e) {
      throw new Unreadable("a domain message from another node cannot be read: " + e.getMessage(), e);
    }
  }

  /** The {@code T} of {@code DomainQuery<T>} as the query's class declares it. */
  private JavaType resultType(DomainQuery<?> query) {
    return mapper.constructType(query.getClass()).findSuperType(DomainQuery.class).containedType(0);
  }

  private static void expect(JsonParser p, JsonToken token) throws IOException {
    if (p.nextToken() != token) {
      throw new Unreadable("malformed answer frame: expected " + token + ", found " + p.currentToken(), null);
    }
  }

  /**
   * Type ids for the engine's own polymorphic types only: every sealed interface (or abstract
   * class) of {@code dev.contactrouter}. Records, enums, strings, numbers and collections are
   * written as their declared type says.
   */
  private static final class OwnSealedTypes extends ObjectMapper.DefaultTypeResolverBuilder {
    private static final long serialVersionUID = 1L;

    OwnSealedTypes(PolymorphicTypeValidator validator) {
      super(ObjectMapper.DefaultTyping.NON_FINAL, validator);
    }

    private OwnSealedTypes(OwnSealedTypes base, Class<?> defaultImpl) {
      super(base, defaultImpl);
    }

    @Override
    public OwnSealedTypes withDefaultImpl(Class<?> defaultImpl) {
      return new OwnSealedTypes(this, defaultImpl);
    }

    @Override
    public boolean useForType(JavaType t) {
      Class<?> raw = t.getRawClass();
      return !raw.isEnum() && !raw.isArray() && raw.getName().startsWith("dev.contactrouter.")
          && (raw.isInterface() || Modifier.isAbstract(raw.getModifiers()));
    }
  }

  private static final class LocalDateDeserializer extends StdScalarDeserializer<LocalDate> {
    private static final long serialVersionUID = 1L;

    LocalDateDeserializer() {
      super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return LocalDate.parse(p.getValueAsString());
    }
  }

  private static final class LocalDateKeyDeserializer extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) {
      return LocalDate.parse(key);
    }
  }
}

package dev.contactrouter.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line for log shippers: time, level, logger, thread, the masked message,
 * the event's key-value pairs (domain, contactId, agentId and the like, from SLF4J's fluent API)
 * and MDC entries, and the masked stack trace. Select it with {@code ROUTER_LOG_FORMAT=json}.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NOTHING = new byte[0];
  private final ThrowableProxyConverter stack = new ThrowableProxyConverter();

  @Override
  public void start() {
    stack.setContext(getContext());
    stack.start();
    super.start();
  }

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    JsonObject line = new JsonObject()
        .put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString())
        .put("level", event.getLevel().toString())
        .put("logger", event.getLoggerName())
        .put("thread", event.getThreadName())
        .put("message", Masking.mask(event.getFormattedMessage()));
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair kv : event.getKeyValuePairs()) {
        line.put(kv.key, kv.value == null ? null : Masking.mask(String.valueOf(kv.value)));
      }
    }
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc != null) {
      mdc.forEach((k, v) -> line.put(k, Masking.mask(v)));
    }
    if (event.getThrowableProxy() != null) {
      line.put("exception", Masking.mask(stack.convert(event)));
    }
    return (line.encode() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }
}

package dev.contactrouter;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.contactrouter.logging.Masking;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No credentials or customer identity numbers in logs. */
class MaskingTest {

  @Test
  void credentialsAreMasked() {
    assertThat(Masking.mask("Authorization: Bearer abcDEF123_-.xyz")).isEqualTo("Authorization: Bearer ***");
    assertThat(Masking.mask("GET /v1/agents/a1/ws?access_token=secret-key-1&x=1"))
        .isEqualTo("GET /v1/agents/a1/ws?access_token=***&x=1");
    assertThat(Masking.mask("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsaSJ9.c2lnbmF0dXJl end"))
        .isEqualTo("token ***token*** end");
    assertThat(Masking.mask("ROUTER_API_KEYS=k1-abcdefgh=telephony,k2-abcdefgh=agent:a1"))
        .doesNotContain("k1-abcdefgh").doesNotContain("k2-abcdefgh").contains("telephony").contains("agent:a1");
    assertThat(Masking.mask("{\"username\":\"li\",\"password\":\"hunter2\"}")).doesNotContain("hunter2");
  }

  @Test
  void identityNumbersAreMaskedButOrdinaryNumbersAreNot() {
    assertThat(Masking.mask("customer id card 11010519491231002X called"))
        .isEqualTo("customer id card 110**************X called");
    assertThat(Masking.mask("HKID A123456(7) at counter")).isEqualTo("HKID A******(*) at counter");
    assertThat(Masking.mask("contact 6f1c seq 1234567890 took 2026 ms")).isEqualTo("contact 6f1c seq 1234567890 took 2026 ms");
  }

  @Test
  void theEnginesLogLayoutMasksWhateverIsLogged() {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    // The same conversion words as src/main/resources/logback.xml.
    encoder.setPattern("%maskedMsg%n%maskedEx");
    String logged = logged("masking-test", encoder, logger -> logger.warn(
        "request with Bearer k-123456789 for customer 11010519491231002X",
        new IllegalStateException("body had access_token=abc123")));
    assertThat(logged).contains("Bearer ***").contains("110**************X").contains("access_token=***")
        .doesNotContain("k-123456789").doesNotContain("abc123");
  }

  @Test
  void jsonLinesCarryIdsAsFieldsAndAreMaskedToo() {
    dev.contactrouter.logging.RouterLogEncoder encoder = new dev.contactrouter.logging.RouterLogEncoder();
    encoder.setFormat("json");
    String logged = logged("json-test", encoder, logger -> org.slf4j.LoggerFactory.getLogger("json-test").atInfo()
        .addKeyValue("domain", "default").addKeyValue("contactId", "c-9").addKeyValue("agentId", "a1")
        .log("offer made with access_token=abc"));
    io.vertx.core.json.JsonObject line = new io.vertx.core.json.JsonObject(logged.strip());
    assertThat(line.getString("level")).isEqualTo("INFO");
    assertThat(line.getString("domain")).isEqualTo("default");
    assertThat(line.getString("contactId")).isEqualTo("c-9");
    assertThat(line.getString("agentId")).isEqualTo("a1");
    assertThat(line.getString("message")).isEqualTo("offer made with access_token=***");
  }

  /** What {@code log} logs through {@code encoder} to the logger named {@code name}, as text. */
  private static String logged(String name, Encoder<ILoggingEvent> encoder, Consumer<Logger> log) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    encoder.setContext(context);
    encoder.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    Logger logger = context.getLogger(name);
    logger.addAppender(appender);
    try {
      log.accept(logger);
    } finally {
      logger.detachAppender(appender);
      appender.stop();
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}

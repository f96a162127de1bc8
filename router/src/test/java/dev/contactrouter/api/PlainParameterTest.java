package dev.contactrouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link RequestValidation#plain}: a string parameter's text it calls plain is what vertx-openapi's
 * simple and form transformers read it as, for texts made of the characters ids are made of and of
 * those that make JSON numbers, literals and escapes.
 */
class PlainParameterTest {
  private static final Parameter STRING = new Parameter() {
    @Override
    public String getName() {
      return "id";
    }

    @Override
    public Location getIn() {
      return Location.PATH;
    }

    @Override
    public boolean isRequired() {
      return true;
    }

    @Override
    public Style getStyle() {
      return Style.SIMPLE;
    }

    @Override
    public boolean isExplode() {
      return false;
    }

    @Override
    public JsonSchema getSchema() {
      return JsonSchema.of(new JsonObject().put("type", "string"));
    }

    @Override
    public SchemaType getSchemaType() {
      return SchemaType.STRING;
    }

    @Override
    public JsonObject getOpenAPIModel() {
      return new JsonObject().put("name", "id").put("in", "path");
    }
  };

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("abcdeftnulrsINaE0123456789-_.:@~+\"\\ ").ofMinLength(0).ofMaxLength(12);
  }

  @Property(tries = 30_000)
  void aPlainTextIsReadAsItselfByTheLibrary(@ForAll("texts") String raw) {
    if (RequestValidation.plain(raw)) {
      assertThat(library(new SimpleTransformer(), raw)).isEqualTo(raw);
      assertThat(library(new FormTransformer(), raw)).isEqualTo(raw);
    }
  }

  @Example
  void idsArePlainAndWhatCouldBeJsonIsNot() {
    for (int i = 0; i < 200; i++) {
      String uuid = UUID.randomUUID().toString();
      assertThat(RequestValidation.plain(uuid) || "tfnNI".indexOf(uuid.charAt(0)) >= 0).as(uuid).isTrue();
    }
    assertThat(RequestValidation.plain("lg-a728")).isTrue();
    assertThat(RequestValidation.plain("0x1F")).isTrue();
    assertThat(RequestValidation.plain("12-34")).isTrue();
    for (String notPlain : new String[] {"", "123", "-1.5e3", "0", "true", "null", "nina", "a b", "\"x\"", "a\\u0041"}) {
      assertThat(RequestValidation.plain(notPlain)).as(notPlain).isFalse();
    }
    assertThat(library(new SimpleTransformer(), "123")).as("the library's own reading, left to it").isEqualTo("123");
    assertThat(library(new SimpleTransformer(), "1.5")).isEqualTo(1.5);
  }

  private static Object library(io.vertx.openapi.validation.transformer.ParameterTransformer t, String raw) {
    try {
      return t.transform(STRING, raw);
    } catch (ValidatorException e) {
      return e;
    }
  }
}

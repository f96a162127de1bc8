package dev.contactrouter.api.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contactrouter.api.ApiVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the compiled checks of {@code openapi.yaml} say about bad requests (one problem per thing
 * wrong, each at its JSON pointer, in words a client can act on), and that the compiler refuses
 * a schema it could not check completely, naming where.
 */
class SchemaCompilerTest {
  private static Vertx vertx;
  private static SchemaCompiler compiler;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    OpenAPIContract contract = OpenAPIContract.from(vertx, ApiVerticle.OPENAPI)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    compiler = new SchemaCompiler(contract.getRawContract());
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void aNewContactsProblemsAreNamedPlainly() {
    Check contact = compiler.compile("#/components/schemas/NewContact");
    assertThat(problems(contact, "{'channel':'voice','queue':'stocks','priority':'high'}"))
        .containsExactly(new Problem("/priority", "must be an integer from 0 to 100"));
    assertThat(problems(contact, "{'channel':'voice','queue':'stocks','priority':500}"))
        .containsExactly(new Problem("/priority", "must be an integer from 0 to 100"));
    assertThat(problems(contact, "{'channel':'voice','queue':'stocks','priority':2.5}"))
        .containsExactly(new Problem("/priority", "must be an integer from 0 to 100"));
    assertThat(problems(contact, "{'channel':'phone','queue':'stocks'}"))
        .containsExactly(new Problem("/channel", "must be one of voice, chat, branch, email, callback, sms"));
    assertThat(problems(contact, "{'channel':'voice','queue':'stocks','externalId':''}"))
        .containsExactly(new Problem("/externalId", "must not be empty"));
    assertThat(problems(contact, "{'channel':'voice','queue':'stocks','externalId':'" + "x".repeat(129) + "'}"))
        .containsExactly(new Problem("/externalId", "must be at most 128 characters"));
    assertThat(problems(contact, "{'channel':'voice','queue':null}"))
        .containsExactly(new Problem("/queue", "must not be null"));
    assertThat(problems(contact, "{'channel':'voice','queue':7}"))
        .containsExactly(new Problem("/queue", "must be a string"));
    assertThat(problems(contact, "{'channel':'voice','queue':'stocks','skilz':1}"))
        .containsExactly(new Problem("/skilz", "unknown field"));
    assertThat(problems(contact, "null")).containsExactly(new Problem("", "must not be null"));
    assertThat(problems(contact, "[1,2,3]")).containsExactly(new Problem("", "must be an object"));
    assertThat(problems(contact, "{'channel':'voice','queue':'stocks','priority':100.0}")).isEmpty();
  }

  @Test
  void everyProblemIsReportedNotJustTheFirst() {
    Check contact = compiler.compile("#/components/schemas/NewContact");
    assertThat(problems(contact, "{}")).containsExactly(
        new Problem("/channel", "is required"),
        new Problem("/queue", "is required"));
    assertThat(problems(contact, "{'channel':'fax','queue':'-x','priority':-1,'skilz':1,"
        + "'skills':{'stocks':9,'':2,'a/b':3},'customer':{'riskLevel':0,'tier':''}}")).containsExactly(
        new Problem("/channel", "must be one of voice, chat, branch, email, callback, sms"),
        new Problem("/queue", "must match the pattern ^[A-Za-z0-9][A-Za-z0-9._:-]*$"),
        new Problem("/priority", "must be an integer from 0 to 100"),
        new Problem("/skilz", "unknown field"),
        new Problem("/skills/stocks", "must be an integer from 1 to 5"),
        new Problem("/skills/", "field name must not be empty"),
        new Problem("/skills/a~1b", "field name must match the pattern ^[A-Za-z0-9][A-Za-z0-9._-]*$"),
        new Problem("/customer/riskLevel", "must be an integer from 1 to 5"),
        new Problem("/customer/tier", "must not be empty"));
  }

  @Test
  void conditionalAndAlternativeSchemasExplainTheBranchThatApplies() {
    assertThat(problems(compiler.compile("#/components/schemas/Status"), "{'status':'busy'}"))
        .containsExactly(new Problem("/status", "must be one of available, not_ready, offline"));
    assertThat(problems(compiler.compile("#/components/schemas/Status"), "{'status':'not_ready'}"))
        .containsExactly(new Problem("/reason", "is required"));
    assertThat(problems(compiler.compile("#/components/schemas/Queue"), "{'name':'Q','sla':{'answerWithinSeconds':20,"
        + "'thresholds':[{'atPercent':50,'action':'relax_skills','by':5},{'atPercent':90,'action':'overflow'}]}}"))
        .containsExactly(
            new Problem("/sla/thresholds/0/by", "must be at most 4"),
            new Problem("/sla/thresholds/1/queue", "is required"));
    assertThat(problems(compiler.compile("#/components/schemas/Agent"), "{'name':'Li','licences':['-x',{},5]}"))
        .containsExactly(
            new Problem("/licences/0", "must match the pattern ^[A-Za-z0-9][A-Za-z0-9._-]*$"),
            new Problem("/licences/1/name", "is required"),
            new Problem("/licences/2", "must be a string or an object"));
    assertThat(problems(compiler.compile("#/components/schemas/Transfer"), "{}"))
        .containsExactly(new Problem("", "must name at least one of queue, agentId"));
  }

  @Test
  void formatsSizesAndRepeatsHaveTheirOwnWords() {
    Check calendar = compiler.compile("#/components/schemas/Calendar");
    assertThat(problems(calendar, "{'timeZone':'UTC','weekly':{'mon':[{'open':'25:00','close':'18:00'}]},"
        + "'holidays':['2025-02-30','2025-01-01','2025-01-01']}")).containsExactly(
        new Problem("/weekly/mon/0/open", "must match the pattern ^([01][0-9]|2[0-3]):[0-5][0-9]$"),
        new Problem("/holidays", "must not contain the same item twice"),
        new Problem("/holidays/0", "must be a date like 2025-01-31"));
    assertThat(problems(compiler.compile("#/components/schemas/NewKey"), "{'role':'admin','expiresAt':'tomorrow'}"))
        .containsExactly(new Problem("/expiresAt", "must be a date-time like 2025-01-31T09:00:00Z"));
    JsonObject tooMany = new JsonObject().put("name", "A").put("licences", new JsonArray(List.of(
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q")));
    assertThat(compiler.compile("#/components/schemas/Agent").problems(tooMany))
        .containsExactly(new Problem("/licences", "must have at most 16 items"));
    assertThat(problems(compiler.compile("#/components/schemas/Callback"), "{'number':'12'}"))
        .containsExactly(new Problem("/number", "must be 3 to 32 characters"));
    // lengths are counted in characters (code points), not UTF-16 units
    assertThat(compiler.compile("#/components/schemas/Name").valid("😀".repeat(120))).isTrue();
    assertThat(compiler.compile("#/components/schemas/Name").problems("😀".repeat(121)))
        .containsExactly(new Problem("", "must be at most 120 characters"));
  }

  @Test
  void aKeywordTheValidatorDoesNotCheckFailsTheCompileNamingItsLocation() {
    JsonObject document = new JsonObject().put("components", new JsonObject().put("schemas", new JsonObject()
        .put("Negated", new JsonObject().put("type", "object").put("properties", new JsonObject()
            .put("code", new JsonObject().put("not", new JsonObject().put("const", "x")))))
        .put("Nullable", new JsonObject().put("type", "string").put("nullable", true))
        .put("Email", new JsonObject().put("type", "string").put("format", "email"))
        .put("Elsewhere", new JsonObject().put("$ref", "other.yaml#/components/schemas/X"))
        .put("Dangling", new JsonObject().put("$ref", "#/components/schemas/Nowhere"))
        .put("Annotated", new JsonObject().put("type", "string").put("description", "d").put("example", "e")
            .put("x-internal", true))));
    SchemaCompiler strict = new SchemaCompiler(document);
    assertThatThrownBy(() -> strict.compile("#/components/schemas/Negated"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("#/components/schemas/Negated/properties/code")
        .hasMessageContaining("\"not\" is not supported");
    assertThatThrownBy(() -> strict.compile("#/components/schemas/Nullable"))
        .hasMessageContaining("#/components/schemas/Nullable")
        .hasMessageContaining("type: [T, \"null\"]");
    assertThatThrownBy(() -> strict.compile("#/components/schemas/Email"))
        .hasMessageContaining("#/components/schemas/Email/format")
        .hasMessageContaining("\"email\"");
    assertThatThrownBy(() -> strict.compile("#/components/schemas/Elsewhere"))
        .hasMessageContaining("#/components/schemas/Elsewhere/$ref");
    assertThatThrownBy(() -> strict.compile("#/components/schemas/Dangling"))
        .hasMessageContaining("#/components/schemas/Nowhere");
    assertThat(strict.compile("#/components/schemas/Annotated").problems(5))
        .containsExactly(new Problem("", "must be a string"));
  }

  @Test
  void nullableTypesAndSelfReferencesCompile() {
    JsonObject document = new JsonObject().put("components", new JsonObject().put("schemas", new JsonObject()
        .put("Node", new JsonObject().put("type", "object").put("additionalProperties", false)
            .put("properties", new JsonObject()
                .put("label", new JsonObject().put("type", new JsonArray().add("string").add("null")).put("maxLength", 3))
                .put("next", new JsonObject().put("$ref", "#/components/schemas/Node"))))));
    Check node = new SchemaCompiler(document).compile("#/components/schemas/Node");
    assertThat(node.valid(Json.decodeValue("{\"label\":null,\"next\":{\"label\":\"abc\",\"next\":{}}}"))).isTrue();
    assertThat(node.problems(Json.decodeValue("{\"label\":7,\"next\":{\"next\":{\"label\":\"abcd\",\"x\":1}}}")))
        .containsExactly(
            new Problem("/label", "must be a string or null"),
            new Problem("/next/next/label", "must be at most 3 characters"),
            new Problem("/next/next/x", "unknown field"));
  }

  /** The problems of a body written with single quotes for readability. */
  private static List<Problem> problems(Check check, String json) {
    return check.problems(Json.decodeValue(json.replace('\'', '"')));
  }
}

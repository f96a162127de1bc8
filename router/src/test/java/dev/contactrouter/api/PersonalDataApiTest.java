package dev.contactrouter.api;

import static dev.contactrouter.testing.Await.await;
import static dev.contactrouter.testing.EngineUnderTest.A1;
import static dev.contactrouter.testing.EngineUnderTest.ADMIN;
import static dev.contactrouter.testing.EngineUnderTest.SUPERVISOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Erasing a customer's personal data on the embedded engine (in-memory journal and keys): the
 * contact reads as erased at once, the engine keeps taking work, another customer is untouched,
 * and the answers to bad requests name the problem. {@code PersonalDataErasureIT} does the same
 * against PostgreSQL and searches the database.
 */
@Timeout(60)
class PersonalDataApiTest extends EmbeddedEngineTest {

  @Test
  void anErasedCustomerReadsAsErasedAndTheDomainCarriesOn() {
    await(engine.stocksDesk(15, 0));
    String erased = await(engine.newContact(new JsonObject().put("customer",
        new JsonObject().put("id", "acct-1").put("name", "Zhang Erased")).put("attributes", new JsonObject().put("mobile", "+86 1"))))
        .getString("id");
    String kept = await(engine.newContact(new JsonObject().put("customer",
        new JsonObject().put("id", "acct-2").put("name", "Li Kept")))).getString("id");

    HttpResponse<String> blank = engine.send("DELETE", "/v1/customers/acct-1/personal-data?reason=", ADMIN, null);
    assertThat(Problems.problem(blank, 400).encode()).contains("reason");
    assertThat(engine.send("DELETE", "/v1/customers/nobody/personal-data?reason=asked", ADMIN, null).statusCode())
        .isEqualTo(404);
    assertThat(engine.send("DELETE", "/v1/customers/acct-1/personal-data?reason=asked", A1, null).statusCode())
        .isEqualTo(403);

    JsonObject answer = engine.ok("DELETE", "/v1/customers/acct-1/personal-data?reason=asked", ADMIN, null);
    assertThat(answer).isEqualTo(new JsonObject().put("erased", true).put("keysDestroyed", 1));
    JsonObject contact = engine.ok("GET", "/v1/contacts/" + erased, SUPERVISOR, null);
    assertThat(contact.getJsonObject("customer").getString("name")).isEqualTo("[erased]");
    assertThat(contact.getJsonObject("attributes", new JsonObject()).encode()).doesNotContain("+86 1");
    assertThat(contact.getString("queue")).isEqualTo("stocks");
    assertThat(engine.ok("GET", "/v1/contacts/" + kept, SUPERVISOR, null).getJsonObject("customer").getString("name"))
        .isEqualTo("Li Kept");
    assertThat(engine.send("DELETE", "/v1/customers/acct-1/personal-data?reason=asked", ADMIN, null).statusCode())
        .as("already erased").isEqualTo(404);

    // The same customer calling again is new data under a new key, readable until erased too.
    String again = await(engine.newContact(new JsonObject().put("customer",
        new JsonObject().put("id", "acct-1").put("name", "Zhang Again")))).getString("id");
    assertThat(engine.ok("GET", "/v1/contacts/" + again, SUPERVISOR, null).getJsonObject("customer").getString("name"))
        .isEqualTo("Zhang Again");
    assertThat(engine.ok("GET", "/v1/audit/verify", ADMIN, null).getBoolean("intact")).isTrue();
  }
}

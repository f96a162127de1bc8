package dev.contactrouter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharedJsonCodecTest {

  @Test
  void everyConsumerInTheJvmGetsThePublishedObjectItself() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      SharedJsonCodec.install(vertx.eventBus());
      SharedJsonCodec.install(vertx.eventBus()); // a second writer or client of the same Vert.x
      List<JsonObject> heard = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> both = new CompletableFuture<>();
      for (int i = 0; i < 2; i++) {
        vertx.eventBus().<JsonObject>consumer("notices", m -> {
          heard.add(m.body());
          if (heard.size() == 2) {
            both.complete(null);
          }
        }).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      JsonObject notice = new JsonObject().put("type", "offer_made").put("seq", 7L);
      SharedJsonCodec.publish(vertx.eventBus(), "notices", notice);
      both.get(10, TimeUnit.SECONDS);
      assertThat(heard).hasSize(2).allSatisfy(body -> assertThat(body).isSameAs(notice));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void onTheWireItIsTheSameJsonAgain() {
    SharedJsonCodec codec = new SharedJsonCodec();
    JsonObject notice = new JsonObject().put("type", "offer").put("offerId", "o-1")
        .put("contact", new JsonObject().put("id", "c-1").put("skills", new JsonArray().add("fx")))
        .put("seq", 12L).put("name", "Chan Tai Man \u9673");
    Buffer wire = Buffer.buffer().appendString("before");
    codec.encodeToWire(wire, notice);
    wire.appendString("after");

    JsonObject read = codec.decodeFromWire("before".length(), wire);

    assertThat(read).isEqualTo(notice).isNotSameAs(notice);
    assertThat(codec.transform(notice)).isSameAs(notice);
  }
}

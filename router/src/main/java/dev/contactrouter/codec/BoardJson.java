package dev.contactrouter.codec;

import static dev.contactrouter.codec.SpecJson.instant;
import static dev.contactrouter.codec.SpecJson.putIfSet;

import dev.contactrouter.core.BoardView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A branch board as the API shows it: tickets and counter labels, never an agent's id or name. */
public final class BoardJson {
  private BoardJson() {}

  /** The board as of {@code asOf} (the writer's clock when it was read). */
  public static JsonObject board(BoardView board, long asOf) {
    JsonArray serving = new JsonArray();
    for (BoardView.Serving s : board.serving()) {
      JsonObject json = new JsonObject().put("ticket", s.ticket());
      putIfSet(json, "counter", s.counter());
      serving.add(json.put("queue", s.queue()).put("since", instant(s.since())));
    }
    JsonArray waiting = new JsonArray();
    for (BoardView.Waiting w : board.waiting()) {
      waiting.add(new JsonObject()
          .put("queue", w.queue())
          .put("name", w.name())
          .put("count", w.count())
          .put("next", new JsonArray(w.next())));
    }
    return new JsonObject()
        .put("site", board.site())
        .put("asOf", instant(asOf))
        .put("serving", serving)
        .put("waiting", waiting);
  }
}

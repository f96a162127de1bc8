package dev.contactrouter.bench.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The securities service work a soak mixes into the contact centre, so every kind of record the
 * engine keeps in memory grows and must be retired: a share of answered calls ends in a sale
 * (which schedules a return visit, a callback for the same agent {@code returnVisitSeconds} later),
 * a share has the agent open a complaint case from the call (whose work items, intake and
 * investigation by email, result and feedback by callback, agents then take step by step to
 * closing, which schedules another return visit), and with {@code idempotencyKeys} every agent
 * call (accept, complete, complaint steps) carries an {@code Idempotency-Key}.
 *
 * @param saleShare share of completed calls recorded as a sale, 0 to 1
 * @param complaintShare share of answered calls the agent opens a complaint from, 0 to 1
 * @param returnVisitSeconds delay of return visits after a sale or a closed case
 * @param idempotencyKeys whether agent calls carry an Idempotency-Key
 */
public record ServiceMix(double saleShare, double complaintShare, int returnVisitSeconds, boolean idempotencyKeys) {
  public static final ServiceMix OFF = new ServiceMix(0, 0, 30, false);
  static final String COMPLAINT_QUEUE = "lg-cx";
  static final String RETURN_QUEUE = "lg-rv";
  static final String SALE = "sale";

  public ServiceMix {
    if (saleShare < 0 || saleShare > 1 || complaintShare < 0 || complaintShare > 1 || returnVisitSeconds < 0) {
      throw new IllegalArgumentException("shares are 0 to 1 and the return-visit delay is not negative");
    }
  }

  /** Whether complaint and return-visit queues and rules are needed. */
  boolean services() {
    return saleShare > 0 || complaintShare > 0;
  }

  ServiceMix withSaleShare(double share) {
    return new ServiceMix(share, complaintShare, returnVisitSeconds, idempotencyKeys);
  }

  ServiceMix withComplaintShare(double share) {
    return new ServiceMix(saleShare, share, returnVisitSeconds, idempotencyKeys);
  }

  ServiceMix withReturnVisitSeconds(int seconds) {
    return new ServiceMix(saleShare, complaintShare, seconds, idempotencyKeys);
  }

  ServiceMix withIdempotencyKeys() {
    return new ServiceMix(saleShare, complaintShare, returnVisitSeconds, true);
  }

  /** The complaints queue: every channel, no skill, no wrap-up. */
  static JsonObject complaintQueue() {
    return new JsonObject().put("name", "Load generator complaints").put("wrapUpSeconds", 0);
  }

  /** The return-visit queue: callbacks, no skill, no wrap-up. */
  static JsonObject returnQueue() {
    return new JsonObject().put("name", "Load generator return visits").put("channel", "callback")
        .put("wrapUpSeconds", 0);
  }

  /** {@code PUT /v1/rules}: return visits after a sale and a closed case, complaints in their queue. */
  JsonObject rules() {
    return new JsonObject()
        .put("returnVisit", new JsonObject().put("queue", RETURN_QUEUE)
            .put("afterSaleSeconds", returnVisitSeconds).put("afterComplaintSeconds", returnVisitSeconds)
            .put("saleDispositions", new JsonArray().add(SALE)))
        .put("complaints", new JsonObject().put("queue", COMPLAINT_QUEUE));
  }

  /** The complaint case a work item belongs to, or null for any other contact. */
  static String caseOf(JsonObject contact) {
    return contact.getJsonObject("attributes", new JsonObject()).getString("caseId");
  }

  /** The step that finishes a case's work item of {@code stage}, and its body. */
  static String stepFor(String stage) {
    return switch (stage) {
      case "intake" -> "classify";
      case "investigation" -> "investigate";
      case "result" -> "result";
      default -> "feedback";
    };
  }

  static JsonObject stepBody(String step) {
    return switch (step) {
      case "classify" -> new JsonObject().put("class", "service_attitude");
      case "investigate" -> new JsonObject().put("note", "soak findings");
      case "result" -> new JsonObject().put("note", "soak result");
      case "feedback" -> new JsonObject().put("satisfied", true).put("note", "soak feedback");
      default -> new JsonObject();
    };
  }

  static String stageOf(JsonObject contact) {
    return contact.getJsonObject("attributes", new JsonObject()).getString("caseStage", "");
  }
}

package dev.contactrouter.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The demo's securities contact centre: its queues, its agents, and how its traffic is made up.
 * Figures follow the service manual: 42% of contacts by phone, 35% online, the rest at branches;
 * most customers speak Mandarin, some Cantonese, a few English; every agent is a licensed
 * securities practitioner and some are investment advisers.
 */
final class DemoCentre {
  private DemoCentre() {}

  record QueueDef(String id, JsonObject body, double share, double meanHandleSeconds) {
    QueueDef withSite(String site) {
      return new QueueDef(id, body.copy().put("site", site), share, meanHandleSeconds);
    }

    QueueDef withLicence(String licence) {
      return new QueueDef(id, body.copy().put("licences", new JsonArray().add(licence)), share, meanHandleSeconds);
    }
  }

  record AgentDef(String id, JsonObject body) {}

  /** The branch whose tickets the demo issues, and whose board it shows. */
  static final String BRANCH_SITE = "hq";

  static final List<QueueDef> QUEUES = List.of(
      queue("stocks", "Stocks and trading", "voice", new JsonObject().put("stocks", 2), 10, 0.30, 25),
      queue("funds", "Funds", "chat", new JsonObject().put("funds", 2), 5, 0.25, 30),
      queue("bonds", "Bonds", "voice", new JsonObject().put("bonds", 2), 5, 0.12, 25),
      queue("account-opening", "Account opening", "branch", new JsonObject().put("account_opening", 2), 0, 0.18, 40)
          .withSite(BRANCH_SITE),
      queue("complaints", "Complaints", null, new JsonObject().put("complaints", 3), 30, 0.15, 45)
          .withLicence("practitioner"));

  /** Queues no caller is pushed to: compliance review and return visits (回访). */
  static final List<QueueDef> SERVICE_QUEUES = List.of(
      new QueueDef("review", new JsonObject().put("name", "Compliance review")
          .put("skills", new JsonObject().put("compliance", 1)).put("wrapUpSeconds", 5), 0, 30),
      new QueueDef("return-visits", new JsonObject().put("name", "Return visits").put("channel", "callback")
          .put("wrapUpSeconds", 5), 0, 20));

  /**
   * The demo's service rules: unsuitable or unservable contacts wait in compliance review; a
   * high-net-worth customer's relationship manager has 20 s, the manager's team 30 s more; sales
   * and closed complaints get a return visit two minutes later (a day in a real centre); complaint
   * cases are worked in the complaints queue with the manual's deadlines.
   */
  static JsonObject rules() {
    return new JsonObject().put("reviewQueue", "review")
        .put("relationshipManager", new JsonObject().put("managerSeconds", 20).put("teamSeconds", 30))
        .put("returnVisit", new JsonObject().put("queue", "return-visits").put("afterSaleSeconds", 120)
            .put("afterComplaintSeconds", 120).put("saleDispositions", new JsonArray().add("sale")))
        .put("complaints", new JsonObject().put("queue", "complaints"));
  }

  /**
   * The demo's not-ready reasons (docs/configuration.md lists them): the console's usual ones, time
   * for the return visits (回访) and the regular training (培训, §6.1) the manual asks of every
   * service person, and the supervisor's own code for an agent it takes off the line.
   */
  static JsonObject notReadyReasons() {
    return catalogue(
        "break", "Break", "小休",
        "lunch", "Lunch", "用餐",
        "training", "Training", "培训",
        "meeting", "Meeting", "会议",
        "coaching", "Coaching", "辅导",
        "admin-work", "Admin work", "事务处理",
        "return-visit", "Return visits", "回访",
        "supervisor", "Set by supervisor", "主管设置");
  }

  /**
   * The demo's dispositions: how a service ended, in the manual's terms (resolved, information
   * only for a consultation, a follow-up or an escalation under graded response, a complaint
   * registered, a sale, which the rules follow with a return visit).
   */
  static JsonObject dispositions() {
    return catalogue(
        "resolved", "Resolved", "已解决",
        "info-only", "Information only", "仅咨询",
        "follow-up", "Follow-up needed", "需跟进",
        "escalated", "Escalated", "已升级",
        "complaint-registered", "Complaint registered", "已登记投诉",
        "sale", "Sale", "产品销售");
  }

  /** A catalogue body from (code, English label, Chinese label) triples. */
  private static JsonObject catalogue(String... triples) {
    JsonArray entries = new JsonArray();
    for (int i = 0; i < triples.length; i += 3) {
      entries.add(new JsonObject().put("code", triples[i])
          .put("labels", new JsonObject().put("en", triples[i + 1]).put("zh-CN", triples[i + 2])));
    }
    return new JsonObject().put("entries", entries);
  }

  /** High-net-worth customers' relationship managers, on the hnw-desk team. */
  static final List<String> RELATIONSHIP_MANAGERS = List.of("a1", "a3", "a7");

  /** Products a funds query may be about: code and risk level R1–R5. */
  static final List<JsonObject> PRODUCTS = List.of(
      new JsonObject().put("code", "MMF-01").put("riskLevel", 1),
      new JsonObject().put("code", "BOND-F2").put("riskLevel", 2),
      new JsonObject().put("code", "MIX-F3").put("riskLevel", 3),
      new JsonObject().put("code", "EQ-F4").put("riskLevel", 4),
      new JsonObject().put("code", "QDII-F5").put("riskLevel", 5));

  static final List<AgentDef> AGENTS = List.of(
      agent("a1", "Li Wei", "hq", skills("stocks", 4, "funds", 3, "mandarin", 5, "english", 3), true, cap(1, 3, 0)),
      agent("a2", "Wang Fang", "hq", skills("stocks", 3, "bonds", 4, "mandarin", 5), false, cap(1, 3, 0)),
      agent("a3", "Chan Ka-yan", "hq", skills("stocks", 3, "funds", 4, "cantonese", 5, "mandarin", 3, "english", 4), true, cap(1, 3, 0)),
      agent("a4", "Zhang Min", "hq", skills("account_opening", 4, "mandarin", 5, "cantonese", 2), false, cap(0, 0, 1)),
      agent("a5", "Liu Yang", "hq", skills("funds", 5, "bonds", 3, "mandarin", 5), true, cap(1, 3, 0)),
      agent("a6", "Chen Jing", "hq", skills("complaints", 4, "stocks", 3, "compliance", 3, "mandarin", 5, "english", 2), false, cap(1, 3, 0)),
      agent("a7", "Emily Wong", "hq", skills("stocks", 2, "funds", 3, "english", 5, "cantonese", 4), true, cap(1, 3, 0)),
      agent("a8", "Zhao Lei", "hq", skills("account_opening", 3, "mandarin", 5), false, cap(0, 0, 1)),
      agent("a9", "Huang Mei", "hq", skills("complaints", 5, "bonds", 3, "mandarin", 4, "cantonese", 5), true, cap(1, 3, 0)),
      agent("a10", "Sun Qiang", "hq", skills("stocks", 5, "bonds", 2, "mandarin", 5), false, cap(1, 3, 0)),
      agent("a11", "David Lam", "hq", skills("funds", 2, "complaints", 3, "english", 5, "cantonese", 5, "mandarin", 3), false, cap(1, 3, 0)),
      agent("a12", "Zhou Ting", "hq", skills("stocks", 3, "funds", 3, "bonds", 3, "mandarin", 5), false, cap(1, 3, 0)));

  /** Language of a caller: Mandarin mostly, then Cantonese, then English. */
  static String language(double u) {
    return u < 0.70 ? "mandarin" : u < 0.90 ? "cantonese" : "english";
  }

  /** Customer tier, with the priority bonus a tier earns. */
  static JsonObject customer(int n, double u, double risk) {
    String tier = u < 0.75 ? "standard" : u < 0.92 ? "vip" : "hnw";
    JsonObject customer = new JsonObject()
        .put("id", "cust-" + n)
        .put("name", NAMES.get(n % NAMES.size()))
        .put("tier", tier)
        .put("riskLevel", 1 + (int) (risk * 5));
    if (tier.equals("hnw")) {
      customer.put("relationshipManager", RELATIONSHIP_MANAGERS.get(n % RELATIONSHIP_MANAGERS.size()));
    }
    return customer;
  }

  static int tierPriority(String tier) {
    return switch (tier) {
      case "hnw" -> 40;
      case "vip" -> 20;
      default -> 0;
    };
  }

  private static final List<String> NAMES = List.of(
      "Zhang Wei", "Wang Xiuying", "Li Na", "Liu Yang", "Chen Jie", "Yang Li", "Huang Yong", "Zhao Min",
      "Wu Tao", "Zhou Yan", "Xu Lei", "Sun Hui", "Ma Chao", "Zhu Lin", "Hu Bo", "Guo Jing", "Ho Wing",
      "Leung Siu", "Tam Ka", "Sarah Chen");

  private static QueueDef queue(String id, String name, String channel, JsonObject skills, int priority,
      double share, double meanHandleSeconds) {
    JsonObject body = new JsonObject().put("name", name).put("skills", skills).put("priority", priority)
        .put("offerTimeoutSeconds", 12).put("wrapUpSeconds", 5).put("agingRate", 0.5)
        .put("expectedHandleSeconds", (int) meanHandleSeconds);
    if (channel != null) {
      body.put("channel", channel);
    }
    body.put("sla", sla(channel));
    return new QueueDef(id, body, share, meanHandleSeconds);
  }

  /**
   * The manual's kind of targets: calls answered 80% within 20 s, a chat's first reply within
   * 60 s, a branch ticket within 5 minutes, a complaint acknowledged within 24 h; on the way the
   * contact gains priority, then any agent one level less skilled may take it, and supervisors
   * hear of the breach.
   */
  private static JsonObject sla(String channel) {
    int seconds = channel == null ? 24 * 3600 : switch (channel) {
      case "voice" -> 20;
      case "chat" -> 60;
      default -> 300;
    };
    return new JsonObject().put("answerWithinSeconds", seconds).put("targetPercent", 80).put("thresholds", new JsonArray()
        .add(new JsonObject().put("atPercent", 50).put("action", "raise_priority").put("by", 20))
        .add(new JsonObject().put("atPercent", 80).put("action", "relax_skills").put("by", 1))
        .add(new JsonObject().put("atPercent", 100).put("action", "alert")));
  }

  private static AgentDef agent(String id, String name, String site, JsonObject skills, boolean adviser, JsonObject capacity) {
    JsonArray licences = new JsonArray().add("practitioner");
    if (adviser) {
      licences.add("investment_adviser");
    }
    String team = RELATIONSHIP_MANAGERS.contains(id) ? "hnw-desk" : "service";
    JsonObject body = new JsonObject().put("name", name).put("site", site).put("skills", skills)
        .put("licences", licences).put("team", team).put("capacity", capacity);
    if (capacity.getInteger("branch", 0) > 0) {
      // A branch agent's counter, named after the agent's number; the board shows it, not the name.
      body.put("counter", "Counter " + id.substring(1));
    }
    return new AgentDef(id, body);
  }

  private static JsonObject skills(Object... pairs) {
    JsonObject s = new JsonObject();
    for (int i = 0; i < pairs.length; i += 2) {
      s.put((String) pairs[i], pairs[i + 1]);
    }
    return s;
  }

  /** Voice, chat and branch as given; every agent also takes case work (email) and callbacks. */
  private static JsonObject cap(int voice, int chat, int branch) {
    return new JsonObject().put("voice", voice).put("chat", chat).put("branch", branch).put("email", 1)
        .put("callback", 1);
  }
}

package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.queue;
import static dev.contactrouter.core.Centre.sla;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random day of a small centre's traffic through the real core (three queues, four agents):
 * contacts arrive, are offered, accepted or rejected (or time out), completed, transferred,
 * abandoned, surveyed, with the timers delivered as the timer store would. For tests outside the
 * core that need many report figures (answers, handling, surveys) rather than every kind of event
 * ({@link RandomRun}).
 */
public final class CentreTraffic {
  private static final List<String> QUEUES = List.of("q1", "q2", "q3");
  private static final List<String> AGENTS = List.of("a1", "a2", "a3", "a4");

  private CentreTraffic() {}

  /** The journal of {@code steps} random operations from {@code seed}. */
  public static List<Recorded> of(long seed, int steps) {
    Random rnd = new Random(seed);
    Centre centre = new Centre();
    centre.configure(queue("q1").sla(sla(20)).wrapUp(10));
    centre.configure(queue("q2").sla(sla(60)).offerTimeout(15));
    centre.configure(queue("q3"));
    AGENTS.forEach(a -> centre.ready(agent(a)));
    List<String> contacts = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      centre.runTimersUntil(centre.now + rnd.nextInt(rnd.nextInt(10) == 0 ? 1_800_000 : 20_000));
      int op = rnd.nextInt(10);
      if (op < 3 || contacts.isEmpty()) {
        String id = "c" + contacts.size();
        contacts.add(id);
        centre.handle(Centre.createCommand(contact(id, QUEUES.get(rnd.nextInt(QUEUES.size())))));
        answerOffers(centre, contacts, rnd);
        continue;
      }
      List<String> recent = List.copyOf(contacts.subList(Math.max(0, contacts.size() - 16), contacts.size()));
      String id = recent.get(rnd.nextInt(recent.size()));
      ContactView view = centre.contactView(id);
      switch (op) {
        case 3, 4, 5 -> recent.stream().map(centre::contactView).filter(v -> v.status() == ContactStatus.ASSIGNED)
            .findFirst().ifPresent(v -> centre.complete(v.id(), v.agentId()));
        case 6 -> centre.abandon(id);
        case 7 -> centre.transfer(id, QUEUES.get(rnd.nextInt(QUEUES.size())), null, view.agentId());
        case 8 -> recent.stream().map(centre::contactView).filter(v -> v.status() == ContactStatus.COMPLETED)
            .skip(rnd.nextInt(4)).findFirst().ifPresent(v -> centre.handle(new Command.RecordSurvey("supervisor", v.id(),
                1 + rnd.nextInt(5), rnd.nextBoolean() ? null : rnd.nextInt(11), null)));
        default -> AGENTS.forEach(a -> centre.setStatus(a, AgentStatus.AVAILABLE));
      }
      answerOffers(centre, contacts, rnd);
    }
    return List.copyOf(centre.journal);
  }

  /** Most offers are answered within a few seconds (some rejected); some ring out. */
  private static void answerOffers(Centre centre, List<String> contacts, Random rnd) {
    centre.advanceSeconds(rnd.nextInt(8));
    for (String c : List.copyOf(contacts.subList(Math.max(0, contacts.size() - 16), contacts.size()))) {
      ContactView.Offer offer = centre.contactView(c).offer();
      if (offer != null && rnd.nextInt(8) > 0) {
        if (rnd.nextInt(6) == 0) {
          centre.reject(offer.offerId(), offer.agentId());
        } else {
          centre.accept(offer.offerId(), offer.agentId());
        }
      }
    }
  }
}

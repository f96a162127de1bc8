package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The branch boards: for a site, the branch tickets at a counter now (assigned; gone once the
 * contact is completed, abandoned or transferred) and the tickets waiting in each branch queue
 * that serves the site. Derived on each read from the contacts and agents, so a board that
 * reloads or reconnects gets exactly what the domain holds. Reads only.
 */
final class Boards extends DomainPart {
  private static final Comparator<BoardView.Serving> LATEST_FIRST =
      Comparator.comparingLong(BoardView.Serving::since).reversed().thenComparing(BoardView.Serving::ticket);

  Boards(DomainState state) {
    super(state);
  }

  BoardView board(String site) {
    List<BoardView.Serving> serving = new ArrayList<>();
    for (AgentState a : agents.values()) {
      if (a.activeChannel != Channel.BRANCH || a.contacts.isEmpty()) {
        continue;
      }
      for (String id : a.contacts) {
        ContactState c = contacts.get(id);
        if (c != null && c.status == ContactStatus.ASSIGNED && c.spec.externalId() != null && site.equals(siteOf(c))) {
          serving.add(new BoardView.Serving(c.spec.externalId(), a.profile.counter(), c.queue,
              c.later.assignedAt == null ? c.queuedAt : c.later.assignedAt));
        }
      }
    }
    serving.sort(LATEST_FIRST);
    List<BoardView.Waiting> waiting = new ArrayList<>();
    for (QueueState q : queues.values()) {
      if (q.spec.channel() != Channel.BRANCH || (q.spec.site() != null && !q.spec.site().equals(site))) {
        continue;
      }
      int count = 0;
      List<String> next = new ArrayList<>(BoardView.NEXT);
      for (ContactState c : q.present) {
        if (site.equals(siteOf(c))) {
          count++;
          if (next.size() < BoardView.NEXT && c.spec.externalId() != null) {
            next.add(c.spec.externalId());
          }
        }
      }
      waiting.add(new BoardView.Waiting(q.spec.id(), q.spec.name(), count, next));
    }
    return new BoardView(site, serving, waiting);
  }

  /** Where a contact is served: its own site (a ticket's branch), else its current queue's. */
  private String siteOf(ContactState c) {
    if (c.spec.site() != null) {
      return c.spec.site();
    }
    QueueState q = c.queue == null ? null : queues.get(c.queue);
    return q == null ? null : q.spec.site();
  }
}

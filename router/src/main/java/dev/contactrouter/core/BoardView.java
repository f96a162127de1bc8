package dev.contactrouter.core;

import java.util.List;
import java.util.Objects;

/**
 * What a branch's "now serving" board shows: the tickets being served and the counter each was
 * called to, and how many tickets wait in each branch queue of the site. Nothing in it names an
 * agent: a board hangs where customers see it, so a counter is shown by its label alone.
 *
 * @param site the site (branch) the board belongs to
 * @param serving the tickets at a counter now, the most recently called first
 * @param waiting each branch queue that serves the site, by queue id, with its waiting tickets
 */
public record BoardView(String site, List<Serving> serving, List<Waiting> waiting) {
  /** How many next tickets of a queue a board shows. */
  public static final int NEXT = 5;

  public BoardView {
    Objects.requireNonNull(site, "site");
    serving = List.copyOf(serving);
    waiting = List.copyOf(waiting);
  }

  /**
   * A ticket called to a counter.
   *
   * @param ticket the ticket number (the branch contact's external id)
   * @param counter the label of the counter it was called to, or null when the agent has none
   * @param queue the queue it was served from
   * @param since when it was called (the contact was assigned), epoch millis
   */
  public record Serving(String ticket, String counter, String queue, long since) {}

  /**
   * A branch queue's waiting tickets at the site.
   *
   * @param count tickets waiting or being called (offered, not yet at a counter)
   * @param next the ticket numbers first in line, at most {@link #NEXT}
   */
  public record Waiting(String queue, String name, int count, List<String> next) {
    public Waiting {
      next = List.copyOf(next);
    }
  }
}

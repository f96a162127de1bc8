package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One look at where every waiting contact stands, taken in rounds so that no round grows with the
 * number waiting: each round ({@link #next}) walks on along the lines of contacts that compete for
 * the same agents, from where the last round stopped, judging each contact by the state at its own
 * round. Positions come from walking each line in order (one step per contact), never from a rank
 * looked up per contact or a copy of every waiting id.
 *
 * <p>The lines are those waiting when the look began; a line that appears later waits for the next
 * look (a new contact's place is in its intake reply meanwhile), one that empties is skipped. A
 * contact that moves between rounds may be seen twice or, rarely, not at all in one look; the next
 * look sees it. Only the domain that began the look may go on with it ({@link #of}).
 */
public final class PositionLook {
  private final RoutingDomain domain;
  private final Views views;
  private final List<WaitingIndex.GroupKey> lines;
  private int line;
  /** The place of the last contact visited in the current line, or null at its head. */
  private WaitingIndex.Mark after;

  PositionLook(RoutingDomain domain, Views views, List<WaitingIndex.GroupKey> lines) {
    this.domain = domain;
    this.views = views;
    this.lines = lines;
  }

  /** Whether every line has been walked. */
  public boolean done() {
    return line >= lines.size();
  }

  /** Whether this look walks {@code d}'s lines (a look never goes on in a domain rebuilt since). */
  public boolean of(RoutingDomain d) {
    return domain == d;
  }

  /** Where the next (at most) {@code max} waiting contacts stand at {@code now}, in line order. */
  public List<WaitingPosition> next(int max, long now) {
    List<WaitingPosition> out = new ArrayList<>(Math.min(max, 1_024));
    while (!done() && out.size() < max) {
      after = views.walkLine(lines.get(line), after, max - out.size(), now, out::add);
      if (after == null) {
        line++;
      }
    }
    return out;
  }
}

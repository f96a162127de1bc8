package dev.contactrouter.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A domain's {@link RoutingDomain#snapshot()} taken a round of contacts at a time, for a writer
 * that must not stop for its whole state at once: the pause of one snapshot grows with the
 * contacts held (a million contacts took about a third of a second to copy), a round's does not.
 *
 * <p>Between {@link RoutingDomain#snapshotInRounds} and {@link #finish} the domain must not
 * change: the caller holds back whatever would change it. The contacts are copied in the order
 * the domain holds them; {@link Unsorted#sorted} puts them in order of arrival, as {@code
 * snapshot()} does, and may run on another thread, since the copy shares nothing mutable.
 */
public final class SnapshotInRounds {
  private final List<ContactState> todo;
  private final List<DomainSnapshot.Contact> done;
  private final Function<ContactState, DomainSnapshot.Contact> copy;
  private final Function<List<DomainSnapshot.Contact>, DomainSnapshot> rest;

  SnapshotInRounds(List<ContactState> todo, Function<ContactState, DomainSnapshot.Contact> copy,
      Function<List<DomainSnapshot.Contact>, DomainSnapshot> rest) {
    this.todo = todo;
    this.done = new ArrayList<>(todo.size());
    this.copy = copy;
    this.rest = rest;
  }

  /** Copies up to {@code contacts} more contacts; true once every contact is copied. */
  public boolean next(int contacts) {
    if (contacts < 1) {
      throw new IllegalArgumentException("a round copies at least one contact, not " + contacts);
    }
    int end = Math.min(todo.size(), done.size() + contacts);
    for (int i = done.size(); i < end; i++) {
      done.add(copy.apply(todo.get(i)));
    }
    return done.size() == todo.size();
  }

  /**
   * Copies the rest of the state (queues, agents, cases and the like: small beside the contacts)
   * once every contact is copied.
   */
  public Unsorted finish() {
    if (done.size() != todo.size()) {
      throw new IllegalStateException("finish() before every contact was copied: " + done.size() + " of "
          + todo.size());
    }
    return new Unsorted(rest.apply(done));
  }

  /** A snapshot whose contacts are not yet in order of arrival. */
  public static final class Unsorted {
    private final DomainSnapshot state;

    private Unsorted(DomainSnapshot state) {
      this.state = state;
    }

    /** Contacts and agents in it. */
    public int size() {
      return state.contacts().size() + state.agents().size();
    }

    /** The snapshot as {@link RoutingDomain#snapshot()} gives it: contacts in order of arrival. */
    public DomainSnapshot sorted() {
      List<DomainSnapshot.Contact> cs = new ArrayList<>(state.contacts());
      cs.sort(Comparator.comparingLong(DomainSnapshot.Contact::seq));
      return new DomainSnapshot(state.arrivals(), state.registrations(), state.queues(), state.agents(), cs,
          state.retired(), state.calendars(), state.categories(), state.apiKeys(), state.rules(), state.cases(),
          state.followUps(), state.webhooks(), state.accountCases(), state.catalogues());
    }
  }
}

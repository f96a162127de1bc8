package dev.contactrouter.core;

/**
 * A part that decides some of the domain's rules (intake, offers, agents, complaint cases, ...).
 * Beside the shared state it works with the three parts every rule leans on: matching (who is
 * offered what), the SLA clocks, and the views its replies carry.
 */
abstract class RulePart extends DomainPart {
  /** The shared state and the three parts every rule part works with, built once by {@link RoutingDomain}. */
  record Basics(DomainState state, Matching matching, SlaClocks sla, Views views) {}

  protected final Matching matching;
  protected final SlaClocks sla;
  protected final Views views;

  RulePart(Basics basics) {
    super(basics.state());
    this.matching = basics.matching();
    this.sla = basics.sla();
    this.views = basics.views();
  }
}

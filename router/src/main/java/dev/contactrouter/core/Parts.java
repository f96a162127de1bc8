package dev.contactrouter.core;

/**
 * The rule parts of one {@link RoutingDomain}, built together once, and the parts they all lean on.
 * A rule part hands work to another through this ({@code parts.offers.withdrawGated(...)}: an agent
 * re-configured takes back gated offers, a completed sale schedules a return visit), instead of each
 * part taking and storing its own list of collaborators. A part reaches the others only while it
 * decides a command, never while the parts are being built, so the building order below need not
 * follow who calls whom.
 */
final class Parts {
  final DomainState state;
  final Matching matching;
  final ComplianceGates gates;
  final Views views;
  final SlaClocks sla;
  final RelationshipRouting relationship;
  final Offers offers;
  final MajorContacts majors;
  final Intake intake;
  final ReturnVisits returnVisits;
  final ComplaintCases complaintCases;
  final AccountCases accountCases;
  final ComplaintReopening reopening;
  final CallbacksAndSurveys callbacksAndSurveys;
  final ContactLifecycle lifecycle;
  final ServiceStages stages;
  final CallControl calls;
  final HoldRelease holds;
  final Agents agents;
  final Configuration configuration;

  Parts(DomainState state) {
    this.state = state;
    this.matching = new Matching(state);
    this.gates = new ComplianceGates(state, matching);
    this.views = new Views(state);
    this.sla = new SlaClocks(state, matching);
    this.relationship = new RelationshipRouting(this);
    this.offers = new Offers(this);
    this.majors = new MajorContacts(this);
    this.intake = new Intake(this);
    this.returnVisits = new ReturnVisits(this);
    this.complaintCases = new ComplaintCases(this);
    this.accountCases = new AccountCases(this);
    this.reopening = new ComplaintReopening(this);
    this.callbacksAndSurveys = new CallbacksAndSurveys(this);
    this.lifecycle = new ContactLifecycle(this);
    this.stages = new ServiceStages(this);
    this.calls = new CallControl(this);
    this.holds = new HoldRelease(this);
    this.agents = new Agents(this);
    this.configuration = new Configuration(this);
  }
}

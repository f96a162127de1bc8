package dev.contactrouter.core;

import static dev.contactrouter.core.Centre.agent;
import static dev.contactrouter.core.Centre.contact;
import static dev.contactrouter.core.Centre.queue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contactrouter.store.format.SnapshotFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Catalogues of not-ready reasons and dispositions: without one a domain takes free text as
 * before; with one, a code outside its active entries is refused naming the code and the allowed
 * ones, leaving the code out stays allowed, and the catalogue is journaled, replayed and
 * snapshotted.
 */
class CataloguesTest {
  private static final Map<String, String> BREAK = Map.of("en", "Break", "zh-CN", "小休");

  private static Catalogue.Entry entry(String code, boolean active) {
    return new Catalogue.Entry(code, Map.of("en", code + " (en)", "zh-CN", code + "（中）"), active);
  }

  private static Catalogue reasons(Catalogue.Entry... entries) {
    return new Catalogue(Catalogue.Kind.NOT_READY_REASONS, List.of(entries));
  }

  private static Catalogue dispositions(Catalogue.Entry... entries) {
    return new Catalogue(Catalogue.Kind.DISPOSITIONS, List.of(entries));
  }

  private static Centre centreWithAgent() {
    Centre centre = Centre.desk("stocks", "a1");
    return centre;
  }

  private static Command.SetAgentStatus notReady(String reason) {
    return new Command.SetAgentStatus("agent:a1", "a1", AgentStatus.NOT_READY, reason);
  }

  @Test
  void withoutACatalogueAnyReasonAndDispositionIsTakenAsBefore() {
    Centre centre = centreWithAgent();
    centre.applied(notReady("stuck in the lift"));
    assertThat(centre.agentView("a1").reason()).isEqualTo("stuck in the lift");
    centre.available("a1");
    centre.create(contact("c1", "stocks"));
    centre.answer("c1");
    Decision done = centre.handle(new Command.CompleteContact("agent:a1", "c1", "a1", "whatever I like", null));
    assertThat(Centre.events(done, Event.ContactCompleted.class)).singleElement()
        .extracting(Event.ContactCompleted::disposition).isEqualTo("whatever I like");
    assertThat(centre.domain.catalogues()).extracting(Catalogue::configured).containsExactly(false, false);
  }

  @Test
  void aReasonOutsideTheCatalogueIsRefusedNamingItAndTheAllowedOnes() {
    Centre centre = centreWithAgent();
    Decision.Applied configured = centre.applied(new Command.ConfigureCatalogue("admin",
        reasons(new Catalogue.Entry("break", BREAK, true), entry("training", true), entry("smoking", false))));
    assertThat(Centre.events(configured, Event.CatalogueConfigured.class)).hasSize(1);

    Decision.Refused unknown = centre.refused(notReady("lunch"));
    assertThat(unknown.reason()).isEqualTo(Refusal.INVALID);
    assertThat(unknown.field()).isEqualTo("/reason");
    assertThat(unknown.detail())
        .isEqualTo("not-ready reason 'lunch' is not an active code of the catalogue; allowed: break, training");
    Reason read = Reason.of(unknown.detail());
    assertThat(read.code()).isEqualTo(ReasonCode.REFUSED_NOT_READY_REASON);
    assertThat(read.params()).isEqualTo(Map.of("code", "lunch", "allowed", List.of("break", "training")));

    Decision.Refused retired = centre.refused(notReady("smoking"));
    assertThat(retired.detail()).startsWith("not-ready reason 'smoking' is not an active code");
    assertThat(centre.agentView("a1").status()).isEqualTo(AgentStatus.OFFLINE);

    centre.applied(notReady("break"));
    assertThat(centre.agentView("a1").reason()).isEqualTo("break");
    centre.applied(notReady(null)); // no code given: still allowed, as "unspecified"
    assertThat(centre.agentView("a1").reason()).isEqualTo("unspecified");
    centre.available("a1"); // available and offline take no reason from the catalogue
    centre.applied(new Command.SetAgentStatus("agent:a1", "a1", AgentStatus.OFFLINE, "home time"));
  }

  @Test
  void aDispositionOutsideTheCatalogueIsRefusedAndTheContactStaysAssigned() {
    Centre centre = centreWithAgent();
    centre.applied(new Command.ConfigureCatalogue("admin", dispositions(entry("resolved", true), entry("sale", true))));
    centre.available("a1");
    centre.create(contact("c1", "stocks"));
    centre.answer("c1");

    Decision.Refused refused = centre.refused(new Command.CompleteContact("agent:a1", "c1", "a1", "fixed", null));
    assertThat(refused.field()).isEqualTo("/disposition");
    assertThat(refused.detail())
        .isEqualTo("disposition 'fixed' is not an active code of the catalogue; allowed: resolved, sale");
    assertThat(Reason.of(refused.detail()).code()).isEqualTo(ReasonCode.REFUSED_DISPOSITION);
    assertThat(centre.contactView("c1").status()).isEqualTo(ContactStatus.ASSIGNED);

    Decision done = centre.handle(new Command.CompleteContact("agent:a1", "c1", "a1", "sale", null));
    assertThat(Centre.events(done, Event.ContactCompleted.class)).singleElement()
        .extracting(Event.ContactCompleted::disposition).isEqualTo("sale");
  }

  @Test
  void aCatalogueIsCheckedWhenConfigured() {
    Centre centre = new Centre();
    Decision.Refused twice = centre.refused(new Command.ConfigureCatalogue("admin",
        reasons(entry("break", true), entry("break", true))));
    assertThat(twice.field()).isEqualTo("/entries/1/code");
    assertThat(twice.detail()).isEqualTo("code 'break' is listed twice");

    Decision.Refused english = centre.refused(new Command.ConfigureCatalogue("admin",
        reasons(new Catalogue.Entry("break", Map.of("en", "Break"), true))));
    assertThat(english.field()).isEqualTo("/entries/0/labels");
    assertThat(english.detail()).isEqualTo("code 'break' needs a label in zh-CN");

    Decision.Refused badCode = centre.refused(new Command.ConfigureCatalogue("admin",
        reasons(entry("Coffee Break", true))));
    assertThat(badCode.field()).isEqualTo("/entries/0/code");

    Decision.Refused allRetired = centre.refused(new Command.ConfigureCatalogue("admin",
        dispositions(entry("resolved", false))));
    assertThat(allRetired.field()).isEqualTo("/entries");
    assertThat(centre.journal).isEmpty();
  }

  @Test
  void theSameCatalogueAgainRecordsNothingAndNoEntriesMeanFreeTextAgain() {
    Centre centre = centreWithAgent();
    Catalogue catalogue = reasons(entry("break", true));
    centre.applied(new Command.ConfigureCatalogue("admin", catalogue));
    assertThat(centre.applied(new Command.ConfigureCatalogue("admin", catalogue)).events()).isEmpty();
    assertThat(centre.domain.catalogue(Catalogue.Kind.NOT_READY_REASONS)).isEqualTo(catalogue);
    centre.refused(notReady("lunch"));

    centre.applied(new Command.ConfigureCatalogue("admin", reasons()));
    assertThat(centre.domain.catalogue(Catalogue.Kind.NOT_READY_REASONS).configured()).isFalse();
    centre.applied(notReady("lunch"));
  }

  @Test
  void catalogueSurvivesReplayAndASnapshotInItsStoredFormat() {
    Centre centre = centreWithAgent();
    Catalogue reasons = reasons(new Catalogue.Entry("break", BREAK, true), entry("smoking", false));
    Catalogue dispositions = dispositions(entry("resolved", true));
    centre.applied(new Command.ConfigureCatalogue("admin", reasons));
    centre.applied(new Command.ConfigureCatalogue("admin", dispositions));

    RoutingDomain replayed = new RoutingDomain(MatcherKind.INDEXED, Retention.DEFAULTS);
    centre.journal.forEach(replayed::apply);
    assertThat(replayed.catalogues()).containsExactly(reasons, dispositions);

    DomainSnapshot snapshot = centre.domain.snapshot();
    assertThat(snapshot.catalogues()).containsExactly(reasons, dispositions);
    DomainSnapshot decoded = SnapshotFormat.decode(SnapshotFormat.encode(snapshot));
    assertThat(decoded).isEqualTo(snapshot);
    RoutingDomain restored = RoutingDomain.restore(decoded, MatcherKind.LINEAR);
    assertThat(restored.snapshot()).isEqualTo(snapshot);
    assertThat(restored.handle(notReady("lunch"), centre.now)).isInstanceOf(Decision.Refused.class);
    assertThat(restored.handle(notReady("break"), centre.now)).isInstanceOf(Decision.Applied.class);
  }
}

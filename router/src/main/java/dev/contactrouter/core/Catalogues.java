package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.invalid;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The domain's catalogues of not-ready reasons and dispositions, configured like categories
 * (journaled, replayed, snapshotted) and checked on use: while a catalogue of a kind has entries,
 * an agent goes not ready only with one of its active reasons, and a contact is completed (or its
 * ended call's outcome recorded) only with one of its active dispositions; leaving the code out
 * stays allowed (not ready with reason {@code unspecified}, a completion without disposition). A
 * domain without a catalogue of a kind takes free text there, as before catalogues existed. The
 * codes the engine writes itself ({@code missed-offer}, {@code hangup}, ...) are not checked.
 */
final class Catalogues extends DomainPart {
  final Map<Catalogue.Kind, Catalogue> catalogues = new EnumMap<>(Catalogue.Kind.class);

  Catalogues(DomainState state) {
    super(state);
  }

  Decision configureCatalogue(Step step, Command.ConfigureCatalogue c) {
    Catalogue catalogue = c.catalogue();
    String[] bad = catalogue.invalid();
    if (bad != null) {
      return invalid(bad[0], bad[1]);
    }
    if (!catalogue.equals(catalogue(catalogue.kind()))) {
      step.emit(new Event.CatalogueConfigured(catalogue)); // the same PUT again records nothing
    }
    return step.done(new Reply.CatalogueReply(catalogue));
  }

  /** The refusal of a not-ready reason its catalogue does not allow, or null. */
  Decision refusal(Command.SetAgentStatus c) {
    if (c.status() != AgentStatus.NOT_READY || c.reason() == null) {
      return null;
    }
    return refusal(Catalogue.Kind.NOT_READY_REASONS, c.reason());
  }

  /** The refusal of a disposition its catalogue does not allow, or null. */
  Decision refusal(Command.CompleteContact c) {
    return c.disposition() == null ? null : refusal(Catalogue.Kind.DISPOSITIONS, c.disposition());
  }

  private Decision refusal(Catalogue.Kind kind, String code) {
    Catalogue catalogue = catalogue(kind);
    if (catalogue.allows(code)) {
      return null;
    }
    return invalid(kind.noun() + " '" + code + "' is not an active code of the catalogue; allowed: "
        + String.join(", ", catalogue.allowed()), kind.field());
  }

  Catalogue catalogue(Catalogue.Kind kind) {
    return catalogues.getOrDefault(kind, Catalogue.empty(kind));
  }

  /** Every kind's catalogue, empty where none is configured, in the order of the kinds. */
  List<Catalogue> catalogues() {
    return List.of(Catalogue.Kind.values()).stream().map(this::catalogue).toList();
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.CatalogueConfigured e) {
      if (e.catalogue().configured()) {
        catalogues.put(e.catalogue().kind(), e.catalogue());
      } else {
        catalogues.remove(e.catalogue().kind());
      }
      return true;
    }
    return false;
  }
}

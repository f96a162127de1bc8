package dev.contactrouter.core;

import static dev.contactrouter.core.Refusals.conflict;
import static dev.contactrouter.core.Refusals.invalid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API keys managed at run time: issued for a role (an agent key names its agent), revoked at once
 * or from a later instant (a rotation's grace period), configured keys included. Owns the keys
 * issued or revoked, in the order recorded; only their digests, never a secret.
 */
final class ApiKeys extends DomainPart {
  private static final Set<String> KEY_ROLES = Set.of("telephony", "agent", "supervisor", "admin", "survey");

  /** API keys issued or revoked at run time, by key id, in the order recorded. */
  final Map<String, ApiKeyView> apiKeys = new LinkedHashMap<>();

  ApiKeys(DomainState state) {
    super(state);
  }

  Decision issueApiKey(Step step, Command.IssueApiKey c) {
    if (apiKeys.containsKey(c.keyId())) {
      return conflict("key '" + c.keyId() + "' already exists");
    }
    if (!KEY_ROLES.contains(c.role())) {
      return invalid("role must be telephony, agent, supervisor, admin or survey", "/role");
    }
    if ("agent".equals(c.role()) != (c.agentId() != null)) {
      return invalid("an agent key names its agent, and only an agent key does", "/agentId");
    }
    if (c.agentId() != null && !agents.containsKey(c.agentId())) {
      return invalid("unknown agent '" + c.agentId() + "'", "/agentId");
    }
    step.emit(new Event.ApiKeyIssued(c.keyId(), c.digest(), c.role(), c.agentId(), c.label(), c.expiresAt()));
    return step.done(new Reply.ApiKeyReply(apiKeys.get(c.keyId())));
  }

  Decision revokeApiKey(Step step, Command.RevokeApiKey c) {
    ApiKeyView known = apiKeys.get(c.keyId());
    long effective = c.effectiveAt() == null ? step.now : Math.max(step.now, c.effectiveAt());
    if (known != null && known.revokedAt() != null && known.revokedAt() <= effective) {
      return step.done(new Reply.ApiKeyReply(known)); // already refused by then
    }
    step.emit(new Event.ApiKeyRevoked(c.keyId(), effective));
    return step.done(new Reply.ApiKeyReply(apiKeys.get(c.keyId())));
  }

  /** API keys issued at run time and revocations of configured keys, in the order recorded. */
  List<ApiKeyView> apiKeys() {
    return List.copyOf(apiKeys.values());
  }

  /** Folds the events of these rules into the state; false for any other event. */
  boolean apply(Event event, long at) {
    if (event instanceof Event.ApiKeyIssued e) {
      apiKeys.put(e.keyId(), new ApiKeyView(
          e.keyId(), e.digest(), e.role(), e.agentId(), e.label(), at, e.expiresAt(), null));
    } else if (event instanceof Event.ApiKeyRevoked e) {
      ApiKeyView k = apiKeys.get(e.keyId());
      apiKeys.put(e.keyId(), k == null
          ? new ApiKeyView(e.keyId(), null, null, null, null, null, null, e.effectiveAt())
          : new ApiKeyView(k.keyId(), k.digest(), k.role(), k.agentId(), k.label(), k.issuedAt(), k.expiresAt(),
              e.effectiveAt()));
    } else {
      return false;
    }
    return true;
  }
}

package dev.contactrouter.telephony;

/**
 * An engine's offer of a call to an agent, as far as the switch is concerned: which phone to
 * ring, and until when.
 *
 * @param device the agent's SIP URI, null when the agent has none
 * @param expiresAt epoch milliseconds; 0 when not known (an offer rebuilt from the switch's state)
 */
record Offer(String offerId, String agentId, String device, long expiresAt) {
}

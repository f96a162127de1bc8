package dev.contactrouter.core;

/**
 * Where a waiting contact stands, and nothing else: what an IVR announces. Read for every waiting
 * contact every few seconds, so it is built without the rest of a {@link ContactView}.
 *
 * @param position 1 for the next to be offered among contacts with the same requirement
 * @param estimatedWaitSeconds null while no agent staffs the queue
 */
public record WaitingPosition(
    String contactId, String queue, int position, Integer estimatedWaitSeconds, String externalId, String callId) {}

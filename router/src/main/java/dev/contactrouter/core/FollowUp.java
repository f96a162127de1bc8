package dev.contactrouter.core;

/**
 * A return visit (回访) scheduled after a sale or a closed complaint: at {@code dueAt} it becomes an
 * outbound callback contact (with this id) in {@code queue}, offered first to {@code preferredAgent}.
 *
 * @param sourceContactId the completed sale contact, or the complaint's source contact (may be null)
 * @param caseId the closed complaint case, or null
 */
public record FollowUp(
    String id, String sourceContactId, String caseId, Customer customer, String preferredAgent, String queue,
    long dueAt, String reason) {}

package dev.contactrouter.api;

/**
 * A client error the API answers with {@code application/problem+json}. Thrown (or passed to
 * {@code ctx.fail}) by route steps; {@link ProblemHandler} writes it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
public final class ApiProblem extends RuntimeException {
  private final int status;
  private final String slug;
  private final String title;
  private final String field;

  public ApiProblem(int status, String slug, String title, String detail, String field) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.field = field;
  }

  public static ApiProblem badRequest(String detail, String field) {
    return new ApiProblem(400, "invalid-request", "Invalid request", detail, field);
  }

  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(401, "unauthorized", "Authentication required", detail, null);
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(403, "forbidden", "Not allowed", detail, null);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "not-found", "Not found", detail, null);
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public String field() {
    return field;
  }
}

package io.livepulse.shared;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A client error that every module throws and the single {@link ProblemDetailsAdvice} renders as
 * {@code application/problem+json}. The detail must tell a person what to do next.
 */
public class ApiProblem extends ErrorResponseException {

	private ApiProblem(HttpStatus status, String title, String detail) {
		super(status, problem(status, title, detail), null);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	public static ApiProblem notFound(String detail) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", detail);
	}

	public static ApiProblem conflict(String detail) {
		return new ApiProblem(HttpStatus.CONFLICT, "Conflict with the current state", detail);
	}

	public static ApiProblem forbidden(String detail) {
		return new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", detail);
	}

	public static ApiProblem badRequest(String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", detail);
	}

	public static ApiProblem unprocessable(String detail) {
		return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable request", detail);
	}

	public static ApiProblem serviceUnavailable(String detail) {
		return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail);
	}

	public static ApiProblem tooManyRequests(String detail) {
		return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail);
	}

	/**
	 * A client's mistake, not the code's: a stack trace would tell nothing, and walking the stack for each of
	 * 10,000 refused claims in a rush costs more than answering them.
	 */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

	/** Adds a property such as {@code errors} to the problem body. */
	public ApiProblem with(String property, Object value) {
		getBody().setProperty(property, value);
		return this;
	}

	/** Adds {@code Retry-After} (whole seconds, at least 1) to the response, for a 429 or 503. */
	public ApiProblem retryAfter(long seconds) {
		long whole = Math.max(1, seconds);
		getHeaders().set("Retry-After", Long.toString(whole));
		getBody().setProperty("retryAfterSeconds", whole);
		return this;
	}
}

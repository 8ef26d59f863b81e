package io.livepulse.shared;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json body where MVC's advice cannot: in filters and handlers that run before
 * dispatch (security, request limits, the firewall, the fast lane) and on the event port. Same
 * fields as the advice's problems: type, title, status, detail, instance, then any extra properties.
 */
public final class ProblemWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The detail of every 5xx: nothing inside is named. */
	static final String OUR_FAILURE = "Something went wrong on our side; the request may be retried.";

	private ProblemWriter() {
	}

	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
			String detail) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		byte[] bytes = bytes(problem, request.getRequestURI());
		response.resetBuffer();
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
		response.flushBuffer();
	}

	/**
	 * The answer to a failure of ours (the advice's, and a fast lane's): a generic 500 that says the request may
	 * be retried and names nothing inside.
	 */
	public static ProblemDetail internalError() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, OUR_FAILURE);
		problem.setTitle("Internal error");
		return problem;
	}

	/** The problem as problem+json bytes, for the request path {@code instance}. */
	public static byte[] bytes(ProblemDetail problem, String instance) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", instance);
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return JSON.writeValueAsBytes(body);
	}
}

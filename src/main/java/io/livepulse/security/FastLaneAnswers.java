package io.livepulse.security;

import java.io.IOException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;

import io.livepulse.shared.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How a fast lane (ADR 0008: the edge's likes and heartbeats, the sales module's claims) answers a request it
 * serves before the security chain and MVC: with the chain's own header writers and the advice's problem bodies,
 * so a fast lane is not a weaker or a different one.
 */
public final class FastLaneAnswers {

	private static final Logger log = LoggerFactory.getLogger(FastLaneAnswers.class);
	private static final String BEARER = "Bearer ";

	private FastLaneAnswers() {
	}

	public static void json(HttpServletRequest request, HttpServletResponse response, int status, byte[] body)
			throws IOException {
		write(request, response, status, MediaType.APPLICATION_JSON_VALUE, body);
	}

	/** The bearer token of the request's {@code Authorization} header, or null when it has none. */
	public static @Nullable String bearerToken(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.startsWith(BEARER) ? authorization.substring(BEARER.length()) : null;
	}

	/** A refusal as the regular chain's advice answers (its headers too, e.g. Retry-After) and logs a client error. */
	public static void problem(HttpServletRequest request, HttpServletResponse response, ErrorResponseException refused)
			throws IOException {
		if (refused.getBody().getStatus() < 500) {
			log.info("{} {}", refused.getBody().getStatus(), refused.getBody().getDetail());
		}
		refused.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
		write(request, response, refused.getBody().getStatus(), MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				ProblemWriter.bytes(refused.getBody(), request.getRequestURI()));
	}

	/**
	 * Answers with {@code status} and the JSON the call makes, or with the call's refusal (the advice's problem and
	 * headers), or with the 500 problem when it fails otherwise: the request is answered here either way, since
	 * what it asked for may have been done before a failure.
	 */
	public static void answer(HttpServletRequest request, HttpServletResponse response, int status,
			Supplier<byte[]> json) throws IOException {
		byte[] body;
		try {
			body = json.get();
		}
		catch (ErrorResponseException refused) {
			problem(request, response, refused);
			return;
		}
		catch (RuntimeException failure) {
			failed(request, response, failure);
			return;
		}
		json(request, response, status, body);
	}

	/** A failure of ours, answered and logged as the advice does (its 500 problem), not by the container's error page. */
	public static void failed(HttpServletRequest request, HttpServletResponse response, RuntimeException failure)
			throws IOException {
		log.error("Unexpected error", failure);
		write(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				ProblemWriter.bytes(ProblemWriter.internalError(), request.getRequestURI()));
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, int status, String contentType,
			byte[] body) throws IOException {
		response.setStatus(status);
		response.setContentType(contentType);
		response.setContentLength(body.length);
		SecurityHeaders.writers().forEach(writer -> writer.writeHeaders(request, response));
		response.getOutputStream().write(body);
	}
}

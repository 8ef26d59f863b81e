package io.livepulse.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UnsupportedEncodingException;

import org.springframework.mock.web.MockHttpServletResponse;

/** The answer to a failure of ours, as the advice gives it: a 500 problem that names nothing inside. */
public final class InternalErrorProblem {

	private InternalErrorProblem() {
	}

	/** {@code response} is that problem for {@code path}, with the security headers, and does not name {@code inside}. */
	public static void assertAnswered(MockHttpServletResponse response, String path, String inside)
			throws UnsupportedEncodingException {
		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"title\":\"Internal error\"")
			.contains("\"instance\":\"" + path + "\"").doesNotContain(inside);
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
	}
}

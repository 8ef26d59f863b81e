package io.livepulse.support;

/** The HS256 secret of the shared test contexts, so a test can sign its own (hostile) tokens. */
public final class TestSecrets {

	public static final String JWT = "tK7rW2qZ9vLm4XcN8bHs1YpD6fGj3QeA5uVo0iRy";

	private TestSecrets() {
	}
}

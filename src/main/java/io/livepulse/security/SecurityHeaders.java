package io.livepulse.security;

/** Header values the security chain and the fast lane both send. */
public final class SecurityHeaders {

	/** The pages use none of these browser features. */
	public static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

	private SecurityHeaders() {
	}
}

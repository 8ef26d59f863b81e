package io.livepulse.security;

import java.util.List;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.PermissionsPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;

/**
 * The security headers of every response, in one list that the security chain and the fast lane
 * both write, so neither can fall behind the other: Spring Security's defaults (HSTS on https only)
 * plus a strict referrer policy and a permissions policy.
 */
final class SecurityHeaders {

	/** Where the embeddable player's pages are (they set their own frame-ancestors). */
	public static final String EMBED_PATH = "/embed/";

	/** The pages use none of these browser features... */
	public static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
	/** ...but the seller console's camera publish, on this origin only. */
	public static final String SELLER_CONSOLE_PERMISSIONS_POLICY =
			"camera=(self), microphone=(self), geolocation=(), payment=(), usb=()";
	private static final String SELLER_CONSOLE = "/seller";

	private static final List<HeaderWriter> WRITERS = List.of(new XContentTypeOptionsHeaderWriter(),
			new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter(), new HstsHeaderWriter(),
			// the embeddable player is framed by the shop origins admins allow (its own frame-ancestors); nothing else is
			new DelegatingRequestMatcherHeaderWriter(request -> !request.getRequestURI().startsWith(EMBED_PATH),
					new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY)),
			new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN),
			new DelegatingRequestMatcherHeaderWriter(request -> SELLER_CONSOLE.equals(request.getRequestURI()),
					new PermissionsPolicyHeaderWriter(SELLER_CONSOLE_PERMISSIONS_POLICY)),
			new DelegatingRequestMatcherHeaderWriter(request -> !SELLER_CONSOLE.equals(request.getRequestURI()),
					new PermissionsPolicyHeaderWriter(PERMISSIONS_POLICY)));

	private SecurityHeaders() {
	}

	public static List<HeaderWriter> writers() {
		return WRITERS;
	}
}

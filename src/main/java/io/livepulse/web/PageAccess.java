package io.livepulse.web;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.livepulse.security.Caller;
import io.livepulse.security.Role;
import io.livepulse.security.TokenVerifier;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/** Role checks for pages, mirroring the API's: the sign-in keeps the token in a cookie for this. */
@Component
class PageAccess {

	private final TokenVerifier verifier;

	PageAccess(TokenVerifier verifier) {
		this.verifier = verifier;
	}

	Optional<Caller> caller(HttpServletRequest request) {
		return token(request).flatMap(verifier::verify);
	}

	/** True when the request carries a token cookie that is refused (expired, forged, ...): a session that ended. */
	boolean hasRefusedToken(HttpServletRequest request) {
		return token(request).filter(token -> !token.isBlank()).isPresent() && caller(request).isEmpty();
	}

	private static Optional<String> token(HttpServletRequest request) {
		return Optional.ofNullable(request.getCookies()).stream().flatMap(Arrays::stream)
			.filter(cookie -> TokenVerifier.PAGE_COOKIE.equals(cookie.getName()))
			.map(Cookie::getValue)
			.findFirst();
	}

	boolean has(HttpServletRequest request, Role role) {
		return caller(request).map(caller -> caller.has(role)).orElse(false);
	}
}

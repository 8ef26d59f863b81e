package io.livepulse.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Reads the current {@link Caller} from the security context. */
public final class Callers {

	static final String ROLES_CLAIM = "roles";
	static final String VENDOR_CLAIM = "vendorId";
	static final String NAME_CLAIM = "name";

	private Callers() {
	}

	/** The signed-in caller, or empty for anonymous requests. */
	public static Optional<Caller> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			return Optional.of(fromJwt(token.getToken()));
		}
		return Optional.empty();
	}

	/** The signed-in caller; a 401 problem when there is none. */
	public static Caller required() {
		return current().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("no bearer token"));
	}

	static Caller fromJwt(Jwt jwt) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Object claim = jwt.getClaim(ROLES_CLAIM);
		if (claim instanceof Collection<?> values) {
			for (Object value : values) {
				for (Role role : Role.values()) {
					if (role.name().equals(String.valueOf(value))) {
						roles.add(role);
					}
				}
			}
		}
		Object vendor = jwt.getClaim(VENDOR_CLAIM);
		Long vendorId = vendor instanceof Number number ? number.longValue() : null;
		return new Caller(jwt.getSubject(), roles, vendorId, Caller.cleanDisplayName(jwt.getClaim(NAME_CLAIM)));
	}
}

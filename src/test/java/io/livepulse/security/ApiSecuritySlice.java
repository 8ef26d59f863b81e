package io.livepulse.security;

import java.util.List;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;

/**
 * For {@code @WebMvcTest} slices: the service's own security chain and caller arguments, and callers
 * made up in the test instead of signed tokens (any real bearer token is refused here).
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableWebSecurity
@Import({ SecurityConfiguration.class, CallerArguments.class })
public class ApiSecuritySlice {

	@Bean
	JwtDecoder refuseRealTokens() {
		return token -> {
			throw new BadJwtException("a slice test signs no tokens");
		};
	}

	/** A request made by this caller, as if it had sent a valid token with these claims. */
	public static JwtRequestPostProcessor as(String userId, Role role, Long vendorId) {
		return SecurityMockMvcRequestPostProcessors.jwt().jwt(jwt -> {
			jwt.subject(userId).claim(Callers.ROLES_CLAIM, List.of(role.name()));
			if (vendorId != null) {
				jwt.claim(Callers.VENDOR_CLAIM, vendorId);
			}
		}).authorities(new SimpleGrantedAuthority("ROLE_" + role.name()));
	}
}

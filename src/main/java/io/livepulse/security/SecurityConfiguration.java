package io.livepulse.security;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Stateless bearer-token security. Coarse role rules live here; ownership ("your own stream")
 * is checked by the services that own the data.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		AuthenticationEntryPoint signInFirst = (request, response, ex) -> writeProblem(response,
				HttpStatus.UNAUTHORIZED, "Unauthorized", "Sign in first: send a valid 'Authorization: Bearer <token>'.");
		AccessDeniedHandler wrongRole = (request, response, ex) -> writeProblem(response, HttpStatus.FORBIDDEN,
				"Forbidden", "Your role does not allow this action.");
		http
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
				.requestMatchers(HttpMethod.POST, "/api/streams").hasRole(Role.SELLER.name())
				.requestMatchers(HttpMethod.POST, "/api/streams/*/purchases").hasRole(Role.COMMERCE.name())
				.requestMatchers(HttpMethod.POST, "/api/streams/*/likes").authenticated()
				.requestMatchers(HttpMethod.GET, "/api/replays").authenticated()
				.requestMatchers(HttpMethod.GET, "/api/streams/mine").authenticated()
				.requestMatchers(HttpMethod.GET, "/api/streams/*/key", "/api/streams/*/stats",
						"/api/streams/*/analytics", "/api/streams/*/analytics.csv").authenticated()
				.requestMatchers(HttpMethod.POST, "/api/streams/*/start", "/api/streams/*/end",
						"/api/streams/*/key/rotate").authenticated()
				.anyRequest().permitAll())
			.oauth2ResourceServer(oauth -> oauth
				.jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
				.authenticationEntryPoint(signInFirst)
				.accessDeniedHandler(wrongRole))
			.exceptionHandling(handling -> handling
				.authenticationEntryPoint(signInFirst)
				.accessDeniedHandler(wrongRole));
		return http.build();
	}

	private static JwtAuthenticationConverter rolesFromClaim() {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(jwt -> Callers.fromJwt(jwt).roles().stream()
				.<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
				.toList());
		return converter;
	}

	/** Security errors happen before MVC, so they are written here in the same problem shape. */
	private static void writeProblem(HttpServletResponse response, HttpStatus status, String title, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
				.formatted(title, status.value(), detail.replace("\"", "'")));
	}
}

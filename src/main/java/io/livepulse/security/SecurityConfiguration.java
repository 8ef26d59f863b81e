package io.livepulse.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import io.livepulse.shared.ProblemWriter;
import io.livepulse.shared.HotRoute;

/**
 * Stateless bearer-token security. Coarse role rules live here; ownership ("your own stream")
 * is checked by the services that own the data.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {


	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		AuthenticationEntryPoint signInFirst = (request, response, ex) -> ProblemWriter.write(request, response,
				HttpStatus.UNAUTHORIZED, "Unauthorized", "Sign in first: send a valid 'Authorization: Bearer <token>'.");
		AccessDeniedHandler wrongRole = (request, response, ex) -> ProblemWriter.write(request, response,
				HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this action.");
		http
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.headers(headers -> {
				headers.defaultsDisabled();
				SecurityHeaders.writers().forEach(headers::addHeaderWriter);
			})
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/api/admin/**", "/actuator/prometheus").hasRole(Role.ADMIN.name())
				.requestMatchers(HttpMethod.POST, "/api/streams").hasRole(Role.SELLER.name())
				.requestMatchers(HttpMethod.POST, "/api/streams/*/purchases").hasRole(Role.COMMERCE.name())
				.requestMatchers(HttpMethod.POST, HotRoute.LIKES.matcherPattern()).authenticated()
				.requestMatchers(HttpMethod.GET, "/api/replays").authenticated()
				.requestMatchers(HttpMethod.GET, "/api/streams/mine").authenticated()
				.requestMatchers(HttpMethod.GET, "/api/streams/*/key", "/api/streams/*/stats",
						"/api/streams/*/analytics", "/api/streams/*/analytics.csv", "/api/streams/*/media").authenticated()
				.requestMatchers(HttpMethod.POST, "/api/streams/*/start", "/api/streams/*/end",
						"/api/streams/*/key/rotate", "/api/streams/*/whip").authenticated()
				.requestMatchers(HttpMethod.DELETE, "/api/streams/*/whip/*").authenticated()
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

	/** Spring Security's firewall refuses paths such as {@code ..%2f} and {@code %00}; say so as a problem too. */
	@Bean
	RequestRejectedHandler problemForRejectedRequests() {
		return (request, response, rejected) -> ProblemWriter.write(request, response, HttpStatus.BAD_REQUEST,
				"Bad request", "This request's path or headers are not allowed (e.g. encoded slashes, dots or NUL).");
	}

	private static JwtAuthenticationConverter rolesFromClaim() {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(jwt -> Callers.fromJwt(jwt).roles().stream()
				.<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
				.toList());
		return converter;
	}
}

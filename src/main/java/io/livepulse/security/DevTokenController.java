package io.livepulse.security;

import org.springframework.context.annotation.Profile;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.shared.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** Dev profile only: issues tokens for demo users so the service can be tried without an identity provider. */
@RestController
@Profile("dev")
@Validated
class DevTokenController {

	private final TokenIssuer issuer;

	DevTokenController(TokenIssuer issuer) {
		this.issuer = issuer;
	}

	@PostMapping("/api/dev/token")
	DevTokenResponse token(@Valid @RequestBody DevTokenRequest request) {
		if (request.role() == Role.SELLER && request.vendorId() == null) {
			throw ApiProblem.badRequest("A SELLER token needs a vendorId.");
		}
		Long vendorId = request.role() == Role.SELLER ? request.vendorId() : null;
		return new DevTokenResponse(issuer.issue(request.user(), request.role(), vendorId));
	}

	record DevTokenRequest(
			@NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = "must be 1-64 letters, digits, '.', '_' or '-'") String user,
			@NotNull Role role,
			@Positive Long vendorId) {
	}

	record DevTokenResponse(String token) {
	}
}

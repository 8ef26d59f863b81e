package io.livepulse.security;

import java.util.Map;

import org.springframework.context.annotation.Profile;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.CleanText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

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
		// a seller's vendor, or the vendor whose shop a COMMERCE token reports for (none: the platform's shop)
		Long vendorId = request.role() == Role.SELLER || request.role() == Role.COMMERCE ? request.vendorId() : null;
		String name = request.name() != null && !request.name().isBlank() ? request.name() : DEMO_NAMES.get(request.user());
		return new DevTokenResponse(issuer.issue(request.user(), request.role(), vendorId, name));
	}

	/** Display names of the demo users listed on the dev sign-in page. */
	static final Map<String, String> DEMO_NAMES = Map.of(
			"seller-1", "Nordic Sneakers",
			"seller-2", "Lumen Lights",
			"viewer-1", "Viewer One",
			"viewer-2", "Viewer Two",
			"admin", "Admin");

	record DevTokenRequest(
			@NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1," + Caller.MAX_USER_ID + "}",
					message = "must be 1-" + Caller.MAX_USER_ID + " letters, digits, '.', '_' or '-'") String user,
			@NotNull Role role,
			@Positive Long vendorId,
			@Size(max = Caller.MAX_DISPLAY_NAME) @CleanText String name) {
	}

	record DevTokenResponse(String token) {
	}
}

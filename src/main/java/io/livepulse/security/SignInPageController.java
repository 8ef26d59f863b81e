package io.livepulse.security;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Dev profile only: a page to pick a demo user and get a token. */
@Controller
@Profile("dev")
class SignInPageController {

	/**
	 * A path on this site: segments of letters, digits, {@code _ ~ - .} (not starting with a dot), one
	 * slash between them. So never {@code //host} or {@code /\host} (which browsers read as another host,
	 * also after dropping a tab or newline), no scheme, no percent-encoding, no query. The same rule is in
	 * {@code static/js/localpath.js}, which the page checks again before it navigates.
	 */
	private static final Pattern LOCAL_PATH = Pattern.compile("/|(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+/?");
	private static final int MAX_NEXT = 200;

	@GetMapping("/signin")
	String signIn(@RequestParam(required = false) @Nullable String next, Model model) {
		model.addAttribute("next", landing(next));
		return "signin";
	}

	/** Where to go after signing in: none given is "" (the page picks by role); one that is not a local path is "/". */
	static String landing(@Nullable String next) {
		if (next == null || next.isEmpty()) {
			return "";
		}
		return next.length() <= MAX_NEXT && LOCAL_PATH.matcher(next).matches() ? next : "/";
	}
}

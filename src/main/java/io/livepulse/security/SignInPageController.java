package io.livepulse.security;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Dev profile only: a page to pick a demo user and get a token. */
@Controller
@Profile("dev")
class SignInPageController {

	@GetMapping("/signin")
	String signIn(@RequestParam(required = false) String next, Model model) {
		boolean local = next != null && next.matches("/[A-Za-z0-9/_-]*");
		model.addAttribute("next", local ? next : "");
		return "signin";
	}
}

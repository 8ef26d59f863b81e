package io.livepulse.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sign-in's {@code next} values (as the page receives them, after URL decoding) and where each must
 * land: a local path as given, nothing given as "" (the page picks by role), anything else "/". Shared by
 * the server's check and the page script's, which must agree.
 */
public final class SignInNextCases {

	private SignInNextCases() {
	}

	public static Map<String, String> cases() {
		Map<String, String> cases = new LinkedHashMap<>();
		// local paths the pages really send
		cases.put("", "");
		cases.put("/", "/");
		cases.put("/seller", "/seller");
		cases.put("/admin/streaming", "/admin/streaming");
		cases.put("/live/12", "/live/12");
		cases.put("/live/12/", "/live/12/");
		// another host: protocol-relative, backslashes (browsers read '\' as '/'), encoded ones
		for (String foreign : new String[] { "//134744072/phish", "//evil.example", "///evil.example",
				"/\\evil.example", "\\\\evil.example", "\\/evil.example", "/%5Cevil.example", "/%2F/evil.example",
				"%2F%2Fevil.example", "/%2e%2e/evil", "%252F%252Fevil.example",
				// schemes
				"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,x",
				"http://evil.example/", "https://evil.example", "https:evil.example", "http:/evil.example",
				// tabs, newlines and other control characters, which browsers drop or choke on
				"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/live/1\u0000", "\t//evil.example",
				"/live/1\u2028", "/\u3000/evil.example", "/live/\u202E1",
				// spaces, dots, a query or fragment, too long, not a path at all
				" /live/1", "/ /evil.example", "/./evil", "/../evil", "/.well-known", "/live/1?x=//evil.example",
				"/live/1#//evil.example", "/live/1@evil.example", "/" + "a".repeat(200), "live/1", "evil.example",
				"@evil.example", "/\uFF0F\uFF0Fevil.example", "/\u2215evil.example" }) {
			cases.put(foreign, "/");
		}
		return cases;
	}
}

package io.livepulse.shared.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets that must never reach a log line at any level, whoever logs them (our code, the JDBC
 * layer's parameter dumps at TRACE, header dumps at DEBUG): stream keys, bearer tokens and other
 * JWTs (also truncated ones), the session cookies, and the media hook secret in hook URLs.
 */
final class LogRedaction {

	private record Rule(Pattern pattern, String replacement) {
	}

	private static final List<Rule> RULES = List.of(
			new Rule(Pattern.compile("(vendor_\\d+_\\d+_)[A-Za-z0-9_-]+"), "$1[redacted]"),
			new Rule(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"), "$1[redacted]"),
			new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{4,}(\\.[A-Za-z0-9_-]*){0,2}"), "[redacted token]"),
			new Rule(Pattern.compile("((?:lp_token|lp_device)=)[^;,\\s\\]]+"), "$1[redacted]"),
			new Rule(Pattern.compile("(?i)(lp-device[:=]\\s*)[^;,\\s\\]]+"), "$1[redacted]"),
			new Rule(Pattern.compile("whsec_[A-Za-z0-9+/=]+"), "whsec_[redacted]"),
			new Rule(Pattern.compile("([?&]secret=)[^&\\s\"]+"), "$1[redacted]"),
			// Spring MVC's request-details dump: parameters={secret:[...], ...}
			new Rule(Pattern.compile("(\\bsecret:\\[)[^\\]]*"), "$1[redacted]"));

	private LogRedaction() {
	}

	public static String redact(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String result = text;
		for (Rule rule : RULES) {
			Matcher matcher = rule.pattern().matcher(result);
			if (matcher.find()) {
				result = matcher.replaceAll(rule.replacement());
			}
		}
		return result;
	}
}

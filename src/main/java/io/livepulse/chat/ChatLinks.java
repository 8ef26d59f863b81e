package io.livepulse.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.livepulse.shared.HostNames;

/**
 * Finds the links in a chat message's text that pages show as clickable: an http(s) URL whose host, as
 * written, is plain ASCII letters, digits, dots and hyphens ended by a port, path, query or fragment, and is
 * allowed by the admins' list (the host or a subdomain of it). A URL parser reads such a host exactly as
 * written; one that only looks like an allowed host (fullwidth or look-alike letters, escapes, user info, a
 * backslash) stays text. The pages draw the links the server marks and decide nothing themselves.
 */
final class ChatLinks {

	private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+", Pattern.CASE_INSENSITIVE);
	private static final Pattern TRAILING = Pattern.compile("[.,;:!?)\\]}'\"]+$");
	private static final Pattern WRITTEN_HOST = Pattern.compile("^https?://([a-z0-9.-]+)(?::\\d*)?(?:[/?#]|$)",
			Pattern.CASE_INSENSITIVE);

	private ChatLinks() {
	}

	static List<ChatMessage.Link> in(String text, Collection<String> allowedHosts) {
		if (allowedHosts.isEmpty()) {
			return List.of();
		}
		List<ChatMessage.Link> links = new ArrayList<>();
		Matcher url = URL.matcher(text);
		while (url.find()) {
			String raw = TRAILING.matcher(url.group()).replaceFirst("");
			Matcher host = WRITTEN_HOST.matcher(raw);
			if (host.find() && HostNames.allows(allowedHosts, host.group(1).toLowerCase(Locale.ROOT))) {
				links.add(new ChatMessage.Link(url.start(), url.start() + raw.length()));
			}
		}
		return List.copyOf(links);
	}
}

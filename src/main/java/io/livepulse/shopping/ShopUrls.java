package io.livepulse.shopping;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

import io.livepulse.shared.Text;

/**
 * A product link in the one form it is stored and redirected to: pure ASCII, the host in punycode
 * (IDN), and every character RFC 3986 does not allow in the path, query or fragment percent-encoded
 * as UTF-8 (so {@code /p/schühe größe} becomes {@code /p/sch%C3%BChe%20gr%C3%B6%C3%9Fe}). Escapes
 * already present are kept, so a link normalised twice does not change.
 */
final class ShopUrls {

	private static final Pattern HTTPS = Pattern.compile("(?i)https://([^/?#]*)([^?#]*)(\\?[^#]*)?(#.*)?");
	private static final Pattern HOST_PORT = Pattern.compile("([^:]+)(:\\d{1,5})?");
	private static final String UNRESERVED_AND_SUB_DELIMS = "-._~!$&'()*+,;=:@";
	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private ShopUrls() {
	}

	/** The link's ASCII form, or null when it is not an absolute https URL with a host and no user info. */
	static @Nullable String ascii(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String url = value.strip();
		if (!Text.isSingleLine(url)) {
			return null;
		}
		Matcher parts = HTTPS.matcher(url);
		if (!parts.matches()) {
			return null;
		}
		Matcher hostPort = HOST_PORT.matcher(parts.group(1));
		if (!hostPort.matches() || hostPort.group(1).contains("@")) {
			return null;
		}
		String host;
		try {
			host = IDN.toASCII(hostPort.group(1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException notAHostName) {
			return null;
		}
		StringBuilder ascii = new StringBuilder("https://").append(host)
			.append(hostPort.group(2) == null ? "" : hostPort.group(2));
		encode(parts.group(2), "/", ascii);
		if (parts.group(3) != null) {
			encode(parts.group(3), "/?", ascii.append('?'), 1);
		}
		if (parts.group(4) != null) {
			encode(parts.group(4), "/?", ascii.append('#'), 1);
		}
		String normalised = ascii.toString();
		try {
			// the two parsers the link meets later: the host check and the redirect's builder
			if (!host.equals(new URI(normalised).getHost())) {
				return null;
			}
			UriComponentsBuilder.fromUriString(normalised).build(true);
			return normalised;
		}
		catch (URISyntaxException | IllegalArgumentException malformed) {
			return null;
		}
	}

	private static void encode(String part, String alsoAllowed, StringBuilder into) {
		encode(part, alsoAllowed, into, 0);
	}

	private static void encode(String part, String alsoAllowed, StringBuilder into, int from) {
		for (int i = from; i < part.length(); ) {
			int c = part.codePointAt(i);
			int length = Character.charCount(c);
			if (c == '%' && i + 2 < part.length() && isHex(part.charAt(i + 1)) && isHex(part.charAt(i + 2))) {
				into.append(part, i, i + 3);
				i += 3;
				continue;
			}
			if (c < 128 && (Character.isLetterOrDigit(c) || UNRESERVED_AND_SUB_DELIMS.indexOf(c) >= 0
					|| alsoAllowed.indexOf(c) >= 0)) {
				into.append((char) c);
			}
			else {
				for (byte b : part.substring(i, i + length).getBytes(StandardCharsets.UTF_8)) {
					into.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
				}
			}
			i += length;
		}
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}
}

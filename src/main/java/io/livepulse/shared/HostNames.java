package io.livepulse.shared;

import java.net.IDN;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for the admins' host allow-lists (shop domains for product links and click-through, link
 * hosts for chat): what an entry may be, and which hosts it allows.
 */
public final class HostNames {

	public static final int MAX_LENGTH = 64;

	/**
	 * Lower-case labels of letters, digits and inner hyphens with dots between them; the last one letters or
	 * punycode, so an IP address is never a host name here.
	 */
	private static final Pattern HOST = Pattern.compile(
			"([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})");

	private HostNames() {
	}

	/**
	 * An allow-list entry as stored: a lower-case host name of at most {@value #MAX_LENGTH} characters with at
	 * least one dot, an internationalised one in punycode (as links are stored and parsed), or null when it
	 * is not one (a scheme, port, path, wildcard or IP address).
	 */
	public static @Nullable String entry(@Nullable String entry) {
		if (entry == null) {
			return null;
		}
		String host;
		try {
			host = IDN.toASCII(entry.strip(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException notAHostName) {
			return null;
		}
		return host.length() <= MAX_LENGTH && isHostName(host) ? host : null;
	}

	/** Whether {@code host} (lower-case ASCII) is a host name by the rule above. */
	public static boolean isHostName(String host) {
		return HOST.matcher(host).matches();
	}

	/** Whether the list allows {@code host}: it is an entry or a subdomain of one. */
	public static boolean allows(Collection<String> entries, String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		for (String entry : entries) {
			if (lower.equals(entry) || lower.endsWith("." + entry)) {
				return true;
			}
		}
		return false;
	}
}

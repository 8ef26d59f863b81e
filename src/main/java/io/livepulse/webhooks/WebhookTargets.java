package io.livepulse.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.livepulse.security.DevProfile;
import io.livepulse.shared.ApiProblem;

/**
 * Where a webhook may go: an https URL (no user info, no fragment) whose host resolves to public addresses only,
 * never loopback, private, link-local (the cloud metadata address 169.254.169.254 among them), carrier-grade NAT,
 * unique-local, multicast or reserved ones. Checked when an endpoint is registered and again before every send,
 * against what the name resolves to then (a name that later points inside is refused then). The JVM keeps a name's
 * addresses for 30 s, so the connection that follows the check goes where the check looked. The dev profile's
 * switch {@code allow-loopback-targets} lets http and https to 127.0.0.1 and ::1 through, for local testing.
 */
@Component
class WebhookTargets {

	private final boolean loopbackAllowed;

	WebhookTargets(WebhookProperties properties, Environment environment) {
		this.loopbackAllowed = properties.allowLoopbackTargets() && environment.matchesProfiles(DevProfile.NAME);
	}

	/** The URL as it is stored, or a 422 saying why it cannot be a target. */
	URI check(String url) {
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException malformed) {
			throw ApiProblem.unprocessable("'url' is not a URL.");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null
				|| !(scheme.equals("https") || scheme.equals("http"))) {
			throw ApiProblem.unprocessable("'url' must be an https URL with a host, without user info or fragment.");
		}
		boolean loopback = addressesOf(uri.getHost()).length > 0 && allLoopback(uri.getHost());
		if (scheme.equals("http") && !(loopback && loopbackAllowed)) {
			throw ApiProblem.unprocessable("'url' must be https.");
		}
		requirePublic(uri);
		return uri;
	}

	/** Throws when the URL's host now resolves to an address a webhook may not reach. */
	void requirePublic(URI uri) {
		for (InetAddress address : addressesOf(uri.getHost())) {
			if (!isPublic(address) && !(loopbackAllowed && address.isLoopbackAddress())) {
				throw ApiProblem.unprocessable("'%s' resolves to an address that is not public; webhooks go to the internet only."
					.formatted(uri.getHost()));
			}
		}
	}

	private boolean allLoopback(String host) {
		for (InetAddress address : addressesOf(host)) {
			if (!address.isLoopbackAddress()) {
				return false;
			}
		}
		return true;
	}

	private static InetAddress[] addressesOf(String host) {
		try {
			return InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
		}
		catch (UnknownHostException unknown) {
			throw ApiProblem.unprocessable("'%s' does not resolve.".formatted(host));
		}
	}

	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) {
			return isPublicV4(b);
		}
		if (address instanceof Inet6Address) {
			// an IPv4 address carried inside IPv6 (mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96, 6to4
			// 2002::/16) goes where its IPv4 part says: judged by that
			if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff || isZero(b, 0, 12)
					|| (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
				return isPublicV4(new byte[] { b[12], b[13], b[14], b[15] });
			}
			if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
				return isPublicV4(new byte[] { b[2], b[3], b[4], b[5] });
			}
			return (b[0] & 0xfe) != 0xfc && (b[0] & 0xff) != 0xfe; // unique local fc00::/7, fe80::/10 and fec0::/10
		}
		return false;
	}

	private static boolean isPublicV4(byte[] b) {
		int first = b[0] & 0xff;
		int second = b[1] & 0xff;
		return first != 0 && first != 10 && first != 127 && !(first == 169 && second == 254)
				&& !(first == 172 && second >= 16 && second < 32) && !(first == 192 && second == 168)
				&& !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
				&& !(first == 192 && second == 0 && (b[2] & 0xff) == 0) && !(first == 198 && (second == 18 || second == 19))
				&& first < 224;
	}

	private static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}
}

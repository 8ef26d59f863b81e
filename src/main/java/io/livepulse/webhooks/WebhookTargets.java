package io.livepulse.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.livepulse.security.DevProfile;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.ClientAddress;

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
			if (!ClientAddress.isPublic(address) && !(loopbackAllowed && address.isLoopbackAddress())) {
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
}

package io.livepulse.push;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import com.sun.management.UnixOperatingSystemMXBean;

import io.livepulse.shared.CappedCounts;
import io.livepulse.shared.ClientAddress;

/**
 * How many connections the event port holds: at most {@link #maxConnections()} served at once, a
 * cap derived from the process's descriptor limit (see {@link #derive}), and at most
 * {@link #maxPerAddress()} per client, where a client is an IPv4 address or an IPv6 /64. Behind a
 * trusted proxy ({@code server.tomcat.remoteip.internal-proxies}, as for Tomcat) the client is the
 * right-most address of the forwarded-for chain that is not itself a trusted proxy. Thread-safe: the event loops share one instance.
 */
final class ConnectionLimits {

	static final int TOMCAT_DEFAULT_MAX_CONNECTIONS = 8192;
	static final int HIKARI_DEFAULT_POOL_SIZE = 10;
	static final int LINGERING_REFUSALS_PER_CLIENT = 8;

	/**
	 * @param maxConnections connections served at once; one more is answered 503
	 * @param maxHeld connections held at once, answers still being written or lingering included;
	 * the port stops accepting at this many, so that a flood of refusals cannot use more descriptors
	 * @param fdLimit the descriptor limit they were derived from, negative when unknown
	 */
	record Caps(int maxConnections, int maxHeld, long fdLimit) {
	}

	private final Caps caps;
	private final int maxPerAddress;
	private final Pattern trustedProxies;
	private final String forwardedForHeader;
	private final AtomicInteger held = new AtomicInteger();
	private final CappedCounts perClient = new CappedCounts();
	private final CappedCounts lingeringRefusals = new CappedCounts();

	/** @param trustedProxies peers whose forwarded-for header is believed, or null for none */
	ConnectionLimits(Caps caps, int maxPerAddress, Pattern trustedProxies, String forwardedForHeader) {
		this.caps = caps;
		this.maxPerAddress = maxPerAddress;
		this.trustedProxies = trustedProxies;
		this.forwardedForHeader = forwardedForHeader;
	}

	/** The limits for this process: its descriptor limit, the push properties and the web server's settings. */
	static ConnectionLimits of(PushProperties properties, Environment environment) {
		Binder binder = Binder.get(environment);
		long fdLimit = -1;
		long fdsInUse = 0;
		if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
			fdLimit = unix.getMaxFileDescriptorCount();
			fdsInUse = unix.getOpenFileDescriptorCount();
		}
		Caps caps = derive(properties.maxEventConnections(), fdLimit, fdsInUse,
				binder.bind("server.tomcat.max-connections", Integer.class).orElse(TOMCAT_DEFAULT_MAX_CONNECTIONS),
				binder.bind("spring.datasource.hikari.maximum-pool-size", Integer.class).orElse(HIKARI_DEFAULT_POOL_SIZE));
		String internalProxies = binder.bind("server.tomcat.remoteip.internal-proxies", String.class).orElse("");
		String header = binder.bind("server.tomcat.remoteip.remote-ip-header", String.class).orElse("X-Forwarded-For");
		return new ConnectionLimits(caps, properties.maxEventConnectionsPerAddress(), trustedProxies(internalProxies),
				header);
	}

	static @Nullable Pattern trustedProxies(String internalProxies) {
		if (internalProxies == null || internalProxies.isBlank()) {
			return null;
		}
		try {
			return Pattern.compile(internalProxies);
		}
		catch (PatternSyntaxException invalid) {
			throw new IllegalStateException("server.tomcat.remoteip.internal-proxies is not a valid regular expression",
					invalid);
		}
	}

	/**
	 * The event port's caps. It gets the descriptors the rest of the process does not need: those
	 * open at start (class path, logs, database files), the database pool, and the web server's
	 * share, which is its {@code max-connections} but at most a quarter of the limit (at least 1024):
	 * Tomcat's 8192 would leave little with a limit of 20,000, and both ports serve the same viewers.
	 * With a small limit the event port still gets a quarter. A sixteenth of what it gets (16 to 1024)
	 * is kept for refusals, which hold their descriptor while the answer lingers.
	 *
	 * @param fdLimit the soft descriptor limit, or a negative number when unknown
	 * @param webMaxConnections Tomcat's {@code max-connections}; negative = unlimited
	 */
	static Caps derive(int configured, long fdLimit, long fdsInUse, int webMaxConnections, int dbPoolSize) {
		long budget = Integer.MAX_VALUE;
		if (fdLimit > 0) {
			long webShare = Math.min(webMaxConnections < 0 ? Long.MAX_VALUE : webMaxConnections,
					Math.max(1024, fdLimit / 4));
			budget = Math.max(fdLimit / 4, fdLimit - fdsInUse - dbPoolSize - webShare);
		}
		long refusalRoom = Math.clamp(budget / 16, 16, 1024);
		int maxConnections = (int) Math.max(1, Math.min(configured, budget - refusalRoom));
		return new Caps(maxConnections, (int) Math.min(Integer.MAX_VALUE, maxConnections + refusalRoom), fdLimit);
	}

	Caps caps() {
		return caps;
	}

	int maxConnections() {
		return caps.maxConnections();
	}

	int maxPerAddress() {
		return maxPerAddress;
	}

	String forwardedForHeader() {
		return forwardedForHeader;
	}

	/** Counts a new connection; false when it is one more than may be served (it is still counted). */
	boolean hold() {
		return held.incrementAndGet() <= caps.maxConnections();
	}

	void unhold() {
		held.decrementAndGet();
	}

	boolean full() {
		return held.get() >= caps.maxHeld();
	}

	boolean trusts(InetAddress peer) {
		return trustedProxies != null && trustedProxies.matcher(peer.getHostAddress()).matches();
	}

	/**
	 * The client a connection counts for, as Tomcat's RemoteIpValve finds it: from a trusted proxy, the forwarded-for
	 * chain is read from the right, passing over trusted proxies (a load balancer in front of the site's proxy), and
	 * the first other address is the client; an entry that is no address stops the walk at the last one believed.
	 */
	InetAddress clientOf(InetAddress peer, @Nullable String forwardedFor) {
		if (!trusts(peer) || forwardedFor == null) {
			return peer;
		}
		String[] hops = forwardedFor.split(",");
		InetAddress client = peer;
		for (int i = hops.length - 1; i >= 0; i--) {
			InetAddress hop = ClientAddress.literal(hops[i]);
			if (hop == null) {
				return client;
			}
			client = hop;
			if (!trusts(hop)) {
				return hop;
			}
		}
		return client;
	}

	/**
	 * Counts a connection for its client, and for an IPv6 client its /48 too (which may hold
	 * {@link ClientAddress#ADDRESSES_PER_NETWORK} clients' worth); the key to release it with, or null when either
	 * has its fill.
	 */
	String acquire(InetAddress client) {
		String key = ClientAddress.keyOf(client);
		return perClient.tryAcquire(key, ClientAddress.networkOf(key), maxPerAddress) ? key : null;
	}

	void release(String key) {
		perClient.release(key, ClientAddress.networkOf(key));
	}

	/**
	 * Counts a refusal that lingers (its answer out, the socket half-closed for {@link ClosingDeadline#LINGER}) for its
	 * client (and its IPv6 /48, eight clients' worth); the key to release it with, or null when the client has
	 * {@value #LINGERING_REFUSALS_PER_CLIENT} already.
	 * Each lingering refusal holds a place in the port, so a client reconnecting as fast as it can would otherwise take
	 * every place with refusals; past them, it is closed at once without an answer.
	 */
	@Nullable
	String acquireLingeringRefusal(InetAddress client) {
		String key = ClientAddress.keyOf(client);
		return lingeringRefusals.tryAcquire(key, ClientAddress.networkOf(key), LINGERING_REFUSALS_PER_CLIENT) ? key : null;
	}

	void releaseLingeringRefusal(String key) {
		lingeringRefusals.release(key, ClientAddress.networkOf(key));
	}

	/** Connections held now, refusals still lingering included. */
	int held() {
		return held.get();
	}

	int connectionsOf(InetAddress client) {
		return perClient.count(ClientAddress.keyOf(client));
	}
}

package io.livepulse.shared;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The key under which per-client limits are counted: an IPv4 address as it is, an IPv6 address by
 * its /64 prefix (one subscriber usually holds a whole /64, so counting single IPv6 addresses would
 * let one client rotate through billions of them).
 */
public final class ClientAddress {

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
	private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

	/**
	 * How many addresses' worth of any per-address limit an IPv6 /48 ({@link #networkOf}) gets as a whole: a small
	 * office's, not the 65,536 /64s' a routed /48 holds.
	 */
	public static final int ADDRESSES_PER_NETWORK = 8;

	private ClientAddress() {
	}

	/** The counting key of a textual IP address; anything unparseable is its own key. */
	public static String keyOf(String address) {
		if (address == null || address.isEmpty()) {
			return "unknown";
		}
		if (address.indexOf(':') < 0) {
			return address;
		}
		InetAddress parsed = literal(address);
		return parsed == null ? address : keyOf(parsed);
	}

	public static String keyOf(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			return address.getHostAddress();
		}
		if (isIpv4Mapped(bytes)) {
			return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
		}
		return prefix(bytes, 8);
	}

	/** The IPv6 address's first {@code bytes} bytes as a key: the address with the rest zeroed, and "/bits". */
	private static String prefix(byte[] address, int bytes) {
		byte[] prefix = Arrays.copyOf(address, 16);
		Arrays.fill(prefix, bytes, 16, (byte) 0);
		try {
			return InetAddress.getByAddress(prefix).getHostAddress() + "/" + bytes * 8;
		}
		catch (UnknownHostException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/**
	 * The /48 an IPv6 counting key's /64 lies in (what a tunnel broker or a provider routes to one customer, so a
	 * cap per /64 alone would let such a customer rotate through 65,536 "addresses"), or null for an IPv4 key.
	 */
	public static @Nullable String networkOf(String key) {
		if (!key.endsWith("/64")) {
			return null;
		}
		InetAddress slash64 = literalOfKey(key);
		return slash64 == null ? null : prefix(slash64.getAddress(), 6);
	}

	/** The address behind a counting key ({@link #keyOf}: an IPv6 key is its /64), or null; never a name lookup. */
	public static @Nullable InetAddress literalOfKey(@Nullable String key) {
		return literal(key != null && key.endsWith("/64") ? key.substring(0, key.length() - 3) : key);
	}

	/** An IP literal (IPv6 optionally in brackets), or null for anything else; never a name lookup. */
	public static @Nullable InetAddress literal(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String address = text.strip();
		if (address.length() > 2 && address.startsWith("[") && address.endsWith("]")) {
			address = address.substring(1, address.length() - 1);
		}
		try {
			if (IPV4.matcher(address).matches()) {
				return InetAddress.getByName(address);
			}
			if (address.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(address).matches()) {
				return InetAddress.getByName("[" + address + "]"); // brackets: a literal or an error, never DNS
			}
		}
		catch (UnknownHostException notAnAddress) {
			// not an address after all
		}
		return null;
	}

	private static boolean isIpv4Mapped(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
	}

	/**
	 * Whether the address is a public one: not loopback, private, link-local, carrier-grade NAT, multicast or
	 * reserved; an IPv4 address inside IPv6 (mapped, compatible, NAT64, 6to4) judged by its IPv4 part.
	 */
	public static boolean isPublic(InetAddress address) {
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

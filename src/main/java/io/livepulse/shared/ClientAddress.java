package io.livepulse.shared;

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
		byte[] prefix = Arrays.copyOf(bytes, 16);
		Arrays.fill(prefix, 8, 16, (byte) 0);
		try {
			return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
		}
		catch (UnknownHostException impossible) {
			throw new IllegalStateException(impossible);
		}
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
}

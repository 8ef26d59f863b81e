package io.livepulse.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The key under which per-client limits are counted: an IPv4 address as it is, an IPv6 address by
 * its /64 prefix (one subscriber usually holds a whole /64, so counting single IPv6 addresses would
 * let one client rotate through billions of them).
 */
public final class ClientAddress {

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
		try {
			return keyOf(InetAddress.getByName(address));
		}
		catch (UnknownHostException | SecurityException notAnAddress) {
			return address;
		}
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

	private static boolean isIpv4Mapped(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
	}
}

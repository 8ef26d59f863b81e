package io.livepulse.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket for the attack suite's ordinary clients: a fresh connection per
 * request (an ordinary client arriving while an attack holds the server), optionally from a chosen
 * loopback source address, so that the service sees it as a different client than the attacker.
 */
final class Wire {

	/** A response head and, for framed bodies, the body. */
	record Response(int status, Map<String, String> headers, List<String> setCookies, String body) {

		String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}
	}

	private Wire() {
	}

	/** A literal loopback address (127.0.0.0/8 or ::1), never a name that would need DNS. */
	static InetAddress loopback(String literal) {
		if (literal == null || literal.isBlank()) {
			return null;
		}
		if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
			throw new IllegalArgumentException("not an address literal: " + literal);
		}
		try {
			InetAddress address = InetAddress.getByName(literal);
			if (!address.isLoopbackAddress()) {
				throw new IllegalArgumentException(literal + " is not a loopback address");
			}
			return address;
		}
		catch (UnknownHostException bad) {
			throw new IllegalArgumentException(bad);
		}
	}

	/** A connected socket to the URI's loopback host and port, bound to {@code source} when given. */
	static Socket connect(URI base, InetAddress source, int timeoutMs) throws IOException {
		InetAddress target = loopback(base.getHost().replace("[", "").replace("]", ""));
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			if (source != null) {
				socket.bind(new InetSocketAddress(source, 0));
			}
			socket.connect(new InetSocketAddress(target, base.getPort()), timeoutMs);
			socket.setSoTimeout(timeoutMs);
			return socket;
		}
		catch (IOException failed) {
			socket.close();
			throw failed;
		}
	}

	static void send(Socket socket, URI base, String method, String path, String extraHeaders) throws IOException {
		String request = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
				+ (extraHeaders == null ? "" : extraHeaders)
				+ ("POST".equals(method) || "PUT".equals(method) ? "Content-Length: 0\r\n" : "") + "\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
	}

	static InputStream input(Socket socket) throws IOException {
		return new BufferedInputStream(socket.getInputStream(), 8192);
	}

	/** Reads a status line and headers; the body is left in the stream. */
	static Response readHead(InputStream in) throws IOException {
		String statusLine = readLine(in);
		if (statusLine == null) {
			throw new IOException("closed before an answer");
		}
		if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
			throw new IOException("bad status line: " + statusLine);
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		Map<String, String> headers = new HashMap<>();
		List<String> cookies = new ArrayList<>();
		for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = line.substring(colon + 1).trim();
				headers.put(name, value);
				if (name.equals("set-cookie")) {
					cookies.add(value);
				}
			}
		}
		return new Response(status, headers, cookies, null);
	}

	/** A whole response; bodies framed by Content-Length or chunked, else read to the end (at most 1 MB). */
	static Response read(InputStream in) throws IOException {
		Response head = readHead(in);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		String length = head.header("content-length");
		String encoding = head.header("transfer-encoding");
		if (length != null) {
			copy(in, body, Long.parseLong(length));
		}
		else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
			for (long size = Long.parseLong(readLine(in).trim().split(";")[0], 16); size > 0;
					size = Long.parseLong(readLine(in).trim().split(";")[0], 16)) {
				copy(in, body, size);
				readLine(in);
			}
			for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
				// trailers ignored
			}
		}
		else if (head.status() != 204 && head.status() != 304) {
			byte[] chunk = new byte[8192];
			for (int n = in.read(chunk); n > 0 && body.size() < 1 << 20; n = in.read(chunk)) {
				body.write(chunk, 0, n);
			}
		}
		return new Response(head.status(), head.headers(), head.setCookies(), body.toString(StandardCharsets.UTF_8));
	}

	private static void copy(InputStream in, ByteArrayOutputStream body, long bytes) throws IOException {
		byte[] chunk = new byte[8192];
		while (bytes > 0) {
			int n = in.read(chunk, 0, (int) Math.min(chunk.length, bytes));
			if (n < 0) {
				throw new IOException("closed mid-body");
			}
			body.write(chunk, 0, n);
			bytes -= n;
		}
	}

	static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		for (int b = in.read(); b >= 0; b = in.read()) {
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
			}
			if (line.size() > 65_536) {
				throw new IOException("line too long");
			}
			line.write(b);
		}
		return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
	}

	/** A number field of a JSON body, or -1 when absent. */
	static long number(String json, String name) {
		if (json == null) {
			return -1;
		}
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?[0-9]+)").matcher(json);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}

	/** What went wrong, in a word, for failure counts. */
	static String kind(Exception failure) {
		String name = failure.getClass().getSimpleName();
		String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
		if (name.contains("Timeout") || message.contains("timed out")) {
			return "timeout";
		}
		if (message.contains("refused")) {
			return "refused";
		}
		if (message.contains("reset")) {
			return "reset";
		}
		if (message.contains("closed")) {
			return "closed";
		}
		return name;
	}
}

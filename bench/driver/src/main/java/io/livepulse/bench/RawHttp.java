package io.livepulse.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal keep-alive HTTP/1.1 connection for load generation: one socket, one request at a
 * time, Content-Length or chunked responses. It costs the shared CPU far less per request than
 * java.net.http, so more of the machine is left to the server being measured.
 */
final class RawHttp implements AutoCloseable {

	private final String host;
	private final int port;
	private Socket socket;
	private OutputStream out;
	private InputStream in;

	RawHttp(URI base) {
		this.host = base.getHost();
		this.port = base.getPort();
	}

	/** A status and, when asked for, the body. */
	record Answer(int status, String body) {
	}

	/** Sends one request and returns the status code; the body is read and discarded. */
	int request(String method, String path, String extraHeaders) throws IOException {
		return exchange(method, path, extraHeaders, null, false).status();
	}

	/**
	 * Sends one request with {@code body} (a JSON body when not null) and returns its answer, with the body
	 * when {@code keepBody}.
	 */
	Answer exchange(String method, String path, String extraHeaders, byte[] body, boolean keepBody) throws IOException {
		byte[] head = (method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
				+ (extraHeaders == null ? "" : extraHeaders)
				+ (body != null ? "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
						: "POST".equals(method) ? "Content-Length: 0\r\n" : "")
				+ "\r\n").getBytes(StandardCharsets.ISO_8859_1);
		for (int attempt = 0; attempt < 2; attempt++) {
			if (socket == null) {
				connect();
			}
			try {
				out.write(head);
				if (body != null) {
					out.write(body);
				}
				out.flush();
				return readResponse(keepBody ? new ByteArrayOutputStream(512) : null);
			}
			catch (IOException stale) {
				close();
				// a kept-alive connection the server had closed is retried once; a request that timed
				// out waiting for its answer may have been served, so it is not sent a second time
				if (attempt == 1 || stale instanceof SocketTimeoutException) {
					throw stale;
				}
			}
		}
		throw new IOException("unreachable");
	}

	private void connect() throws IOException {
		socket = new Socket();
		socket.setTcpNoDelay(true);
		socket.connect(new InetSocketAddress(host, port), 5_000);
		socket.setSoTimeout(30_000);
		out = socket.getOutputStream();
		in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
	}

	private Answer readResponse(ByteArrayOutputStream kept) throws IOException {
		String statusLine = readLine();
		if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
			throw new IOException("bad status line: " + statusLine);
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long contentLength = -1;
		boolean chunked = false;
		boolean close = false;
		for (String header = readLine(); header != null && !header.isEmpty(); header = readLine()) {
			String lower = header.toLowerCase(java.util.Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				contentLength = Long.parseLong(lower.substring(15).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
			else if (lower.startsWith("connection:") && lower.contains("close")) {
				close = true;
			}
		}
		if (chunked) {
			for (long size = Long.parseLong(readLine().trim(), 16); size > 0; size = Long.parseLong(readLine().trim(), 16)) {
				skip(size, kept);
				readLine();
			}
			readLine();
		}
		else if (contentLength > 0) {
			skip(contentLength, kept);
		}
		if (close) {
			close();
		}
		return new Answer(status, kept == null ? "" : kept.toString(StandardCharsets.UTF_8));
	}

	private void skip(long bytes, ByteArrayOutputStream kept) throws IOException {
		if (kept != null) {
			byte[] read = in.readNBytes((int) bytes);
			if (read.length < bytes) {
				throw new IOException("connection closed mid-body");
			}
			kept.write(read);
			return;
		}
		while (bytes > 0) {
			long skipped = in.skip(bytes);
			if (skipped <= 0) {
				if (in.read() < 0) {
					throw new IOException("connection closed mid-body");
				}
				skipped = 1;
			}
			bytes -= skipped;
		}
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		for (int b = in.read(); b >= 0; b = in.read()) {
			if (b == '\n') {
				int length = line.size();
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, length > 0 && bytes[length - 1] == '\r' ? length - 1 : length,
						StandardCharsets.ISO_8859_1);
			}
			line.write(b);
		}
		return null;
	}

	@Override
	public void close() {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ignored) {
				// closing anyway
			}
			socket = null;
		}
	}
}

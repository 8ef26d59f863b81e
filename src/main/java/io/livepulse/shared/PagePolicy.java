package io.livepulse.shared;

/**
 * The Content-Security-Policy of the pages: scripts, styles and everything else from this origin only, no inline
 * code; events also from the event port the page is told to use; video and pictures from any https server and the
 * configured media server's origins (and blob: for hls.js); framed by {@code frameAncestors} only.
 */
public final class PagePolicy {

	/** No page may be framed (LivePulse's own pages). */
	public static final String NOT_FRAMED = "'none'";

	private PagePolicy() {
	}

	/**
	 * @param eventOrigin " scheme://host:port" of the event stream when on another origin, else ""
	 * @param mediaOrigins the media server's origins, each with a leading space
	 * @param frameAncestors who may frame the page: {@link #NOT_FRAMED}, or "'self' https://shop.example.com ..."
	 */
	public static String of(String eventOrigin, String mediaOrigins, String frameAncestors) {
		return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:" + mediaOrigins
				+ "; media-src 'self' blob: https:" + mediaOrigins + "; worker-src 'self' blob:; connect-src 'self' https:"
				+ eventOrigin + mediaOrigins + "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors "
				+ frameAncestors;
	}
}

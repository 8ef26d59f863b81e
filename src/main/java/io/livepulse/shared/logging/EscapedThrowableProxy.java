package io.livepulse.shared.logging;

import java.util.Arrays;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * An exception as logback prints it, with its message, its causes' and its suppressed ones' escaped
 * by {@link LogEscaping}.
 */
record EscapedThrowableProxy(IThrowableProxy proxy) implements IThrowableProxy {

	static IThrowableProxy of(IThrowableProxy proxy) {
		return proxy == null || proxy instanceof EscapedThrowableProxy ? proxy : new EscapedThrowableProxy(proxy);
	}

	@Override
	public String getMessage() {
		return LogEscaping.escape(proxy.getMessage());
	}

	@Override
	public String getOverridingMessage() {
		return LogEscaping.escape(proxy.getOverridingMessage());
	}

	@Override
	public String getClassName() {
		return proxy.getClassName();
	}

	@Override
	public StackTraceElementProxy[] getStackTraceElementProxyArray() {
		return proxy.getStackTraceElementProxyArray();
	}

	@Override
	public int getCommonFrames() {
		return proxy.getCommonFrames();
	}

	@Override
	public IThrowableProxy getCause() {
		return of(proxy.getCause());
	}

	@Override
	public IThrowableProxy[] getSuppressed() {
		IThrowableProxy[] suppressed = proxy.getSuppressed();
		return suppressed == null ? null : Arrays.stream(suppressed).map(EscapedThrowableProxy::of)
			.toArray(IThrowableProxy[]::new);
	}

	@Override
	public boolean isCyclic() {
		return proxy.isCyclic();
	}
}

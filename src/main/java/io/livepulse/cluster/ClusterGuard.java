package io.livepulse.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.livepulse.security.DevProfile;

/**
 * Cluster mode refuses to start, before any bean touches a database, without what several nodes need:
 * PostgreSQL (the embedded H2 default is one process's file) and a configured JWT secret (the dev
 * profile's generated secret is one machine's file, so a token from one node would fail on another).
 * It refuses the dev profile too, whose {@code /api/dev/token} gives anyone an admin token and which
 * skips the secret-strength check, unless {@value #ALLOW_DEV_PROFILE} says this is a local test and the
 * node listens on a loopback address only ({@code server.address}), where no one else can reach it.
 */
@Component
class ClusterGuard implements BeanFactoryPostProcessor, EnvironmentAware {

	static final String REDIS_URL = "livepulse.cluster.redis-url";
	static final String ALLOW_DEV_PROFILE = "livepulse.cluster.allow-dev-profile";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		String redisUrl = environment.getProperty(REDIS_URL, "");
		if (redisUrl.isBlank()) {
			return;
		}
		if (DevProfile.isActive(environment)) {
			refuseDevProfileOutsideLocalTests();
		}
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.startsWith("jdbc:postgresql:")) {
			throw new IllegalStateException("Cluster mode (" + REDIS_URL + " is set) needs PostgreSQL, shared by "
					+ "every node: set SPRING_DATASOURCE_URL to a jdbc:postgresql: URL (with SPRING_DATASOURCE_USERNAME "
					+ "and _PASSWORD). The embedded H2 database is one process's file and cannot be shared.");
		}
		String secret = environment.getProperty("livepulse.security.jwt-secret", "");
		if (secret.isBlank()) {
			throw new IllegalStateException("Cluster mode (" + REDIS_URL + " is set) needs the same configured JWT "
					+ "secret on every node: set LIVEPULSE_SECURITY_JWT_SECRET (e.g. 'openssl rand -base64 48'). The dev "
					+ "profile's generated secret is one machine's file, so tokens would fail on the other nodes.");
		}
	}

	private void refuseDevProfileOutsideLocalTests() {
		if (!environment.getProperty(ALLOW_DEV_PROFILE, Boolean.class, false)) {
			throw new IllegalStateException("Cluster mode (" + REDIS_URL + " is set) does not run with the dev "
					+ "profile: every node would serve /api/dev/token, which issues admin tokens to anyone, and accept a "
					+ "guessable JWT secret. Set SPRING_PROFILES_ACTIVE=prod (with LIVEPULSE_SECURITY_JWT_SECRET, "
					+ "LIVEPULSE_MEDIA_HOOK_SECRET and PostgreSQL). For a local test only, " + ALLOW_DEV_PROFILE
					+ "=true allows it on nodes bound to a loopback address (server.address=127.0.0.1).");
		}
		String address = environment.getProperty("server.address", "");
		if (!isLoopback(address)) {
			throw new IllegalStateException(ALLOW_DEV_PROFILE + "=true is for local tests only and needs the node to "
					+ "listen on a loopback address, but server.address is " + (address.isBlank() ? "not set (every "
					+ "interface)" : "'" + address + "'") + ": set server.address=127.0.0.1, or run the prod profile "
					+ "(SPRING_PROFILES_ACTIVE=prod) instead.");
		}
	}

	private static boolean isLoopback(String address) {
		if (address.isBlank()) {
			return false;
		}
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException unknown) {
			return false;
		}
	}
}

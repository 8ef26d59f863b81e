package io.livepulse.cluster;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Cluster mode refuses to start, before any bean touches a database, without what several nodes need:
 * PostgreSQL (the embedded H2 default is one process's file) and a configured JWT secret (the dev
 * profile's generated secret is one machine's file, so a token from one node would fail on another).
 */
@Component
class ClusterGuard implements BeanFactoryPostProcessor, EnvironmentAware {

	static final String REDIS_URL = "livepulse.cluster.redis-url";


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
}

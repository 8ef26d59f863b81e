package io.livepulse.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The prod profile runs on PostgreSQL only: the embedded H2 default is one process's file (no second
 * node, no replica, no point-in-time recovery), made for trying LivePulse out, so prod refuses to
 * start on it, before any bean touches a database.
 */
@Component
@Profile("prod")
class ProductionDatabaseGuard implements BeanFactoryPostProcessor, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.startsWith("jdbc:postgresql:")) {
			throw new IllegalStateException("The prod profile needs PostgreSQL: set SPRING_DATASOURCE_URL to a "
					+ "jdbc:postgresql: URL (with SPRING_DATASOURCE_USERNAME and _PASSWORD). The embedded H2 database "
					+ "is one process's file, for the dev profile only.");
		}
	}
}

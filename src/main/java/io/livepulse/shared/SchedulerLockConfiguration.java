package io.livepulse.shared;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

/**
 * Jobs that must run on one node at a time run through this executor (ShedLock): each takes a row
 * in the {@code shedlock} table, timed by the database's clock so nodes with skewed clocks agree.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerLockConfiguration {

	@Bean
	LockingTaskExecutor lockingTaskExecutor(DataSource dataSource) {
		return new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build()));
	}
}

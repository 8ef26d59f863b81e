package io.livepulse.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Static assets (our CSS and JS, the webjars) are cached by browsers for a year and never
 * revalidated: every URL a page writes carries the assets' version ({@code /v<version>/js/viewer.js},
 * {@code /webjars/v<version>/...}), a hash of their content, so a new release is a new URL. One
 * version for all, in the path rather than the file name, so that ES modules' relative imports
 * ({@code ./api.js}) carry it too.
 */
@Configuration(proxyBeanMethods = false)
class StaticAssets implements WebMvcConfigurer {

	private static final CacheControl FOR_A_YEAR = CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic().immutable();

	private final String version = "v" + contentHash();

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.setCacheControl(FOR_A_YEAR)
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addFixedVersionStrategy(version, "/**"))
			.addResolver(new LiteWebJarsResourceResolver());
		registry.addResourceHandler("/**")
			.addResourceLocations("classpath:/static/")
			.setCacheControl(FOR_A_YEAR)
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addFixedVersionStrategy(version, "/**"));
	}

	String version() {
		return version;
	}

	/** SHA-256 over every static file and every webjar's files (their paths carry their versions). */
	private static String contentHash() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
			Resource[] resources = concat(resolver.getResources("classpath*:/static/**/*.*"),
					resolver.getResources("classpath*:/META-INF/resources/webjars/**/*.js"));
			Arrays.sort(resources, Comparator.comparing(StaticAssets::location));
			for (Resource resource : resources) {
				digest.update(location(resource).replaceAll(".*/(static|webjars)/", "").getBytes());
				if (location(resource).contains("/static/")) {
					try (InputStream content = resource.getInputStream()) {
						digest.update(content.readAllBytes());
					}
				}
			}
			return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
		}
		catch (IOException unreadable) {
			throw new UncheckedIOException(unreadable);
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	private static String location(Resource resource) {
		try {
			return resource.getURL().toString();
		}
		catch (IOException unreadable) {
			return resource.getDescription();
		}
	}

	private static Resource[] concat(Resource[] first, Resource[] second) {
		Resource[] all = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}
}

package io.livepulse.security;

import java.util.List;
import java.util.Optional;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hands controllers the caller as an argument: {@code Caller} for endpoints that need a signed-in
 * caller (none is a 401 problem), {@code Optional<Caller>} where anonymous callers are welcome. A
 * controller can then be tested in a slice with any caller, without a static look-up.
 */
@Configuration(proxyBeanMethods = false)
class CallerArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.nestedIfOptional().getNestedParameterType() == Caller.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binders) {
		Optional<Caller> caller = Callers.current();
		if (parameter.getParameterType() == Optional.class) {
			return caller;
		}
		return caller.orElseThrow(() -> new AuthenticationCredentialsNotFoundException("no bearer token"));
	}
}

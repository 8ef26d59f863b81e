package io.livepulse.shared;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors raised outside MVC are problem+json too: those the container sends to the error page
 * ({@code /error}), and those Tomcat answers itself before any servlet runs (a path with an
 * encoded slash or NUL, a malformed request line), which would otherwise be an HTML page.
 */
@Configuration(proxyBeanMethods = false)
class ProblemErrorPages {

	@RestController
	static class ProblemErrorController implements ErrorController {

		@RequestMapping("${server.error.path:/error}")
		ProblemDetail error(HttpServletRequest request) {
			Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
			// asked for directly rather than forwarded to by the container: there is no error page to see
			HttpStatus status = HttpStatus.resolve(code instanceof Integer value ? value : 404);
			if (status == null || !status.isError() || status == HttpStatus.INTERNAL_SERVER_ERROR) {
				// a failure that escaped the advice (in a filter, say) is answered as the advice answers it
				return ProblemWriter.internalError();
			}
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailFor(status));
			problem.setTitle(status.getReasonPhrase());
			return problem;
		}
	}

	static String detailFor(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "There is nothing at this address.";
			case BAD_REQUEST -> "This request is malformed (its path, headers or body); check and send it again.";
			case METHOD_NOT_ALLOWED -> "This address does not take that method.";
			case CONTENT_TOO_LARGE -> "The request body is too large.";
			default -> status.is5xxServerError() ? ProblemWriter.OUR_FAILURE
					: "The request was refused (" + status.value() + ").";
		};
	}

	/** Replaces Tomcat's HTML error report, which it writes for requests it refuses before any servlet. */
	public static class ProblemErrorReportValve extends ErrorReportValve {

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int code = response.getStatus();
			if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			HttpStatus status = HttpStatus.resolve(code);
			if (status == null) {
				status = HttpStatus.BAD_REQUEST;
			}
			try {
				ProblemWriter.write(request, response, status, status.getReasonPhrase(), detailFor(status));
			}
			catch (IOException | IllegalStateException ignored) {
				// the client is gone or the response was already used; nothing more to say
			}
		}
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}
}

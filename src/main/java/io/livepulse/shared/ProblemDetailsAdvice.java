package io.livepulse.shared;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where exceptions become {@code application/problem+json}. Client errors are
 * logged at INFO without request bodies (they may hold stream keys); server errors get a generic
 * detail so internals never leak.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The value given for '%s' is not valid here; check its type and spelling.".formatted(ex.getName()));
		problem.setTitle("Bad request");
		log.info("400 {}", problem.getDetail());
		return problem;
	}

	@ExceptionHandler(AuthenticationCredentialsNotFoundException.class)
	ProblemDetail unauthenticated(AuthenticationCredentialsNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"Sign in first: send 'Authorization: Bearer <token>'.");
		problem.setTitle("Unauthorized");
		return problem;
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail accessDenied(AccessDeniedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"Your role does not allow this action.");
		problem.setTitle("Forbidden");
		return problem;
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return ProblemWriter.internalError();
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyTooLarge tooLarge) {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
						"Request bodies may be at most %d bytes.".formatted(tooLarge.limit()));
				problem.setTitle("Request body too large");
				return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
			}
		}
		String field = fieldOf(ex);
		if (field != null) {
			return handleExceptionInternal(ex, invalid(List.of(new FieldError(field, "has a value of the wrong type"))),
					headers, HttpStatus.BAD_REQUEST, request);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is missing or is not valid JSON of the expected shape.");
		problem.setTitle("Malformed request body");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
				.map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
				.toList();
		return handleExceptionInternal(ex, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getParameterValidationResults().stream()
				.flatMap(result -> result.getResolvableErrors().stream()
						.map(error -> new FieldError(result.getMethodParameter().getParameterName(),
								error.getDefaultMessage())))
				.toList();
		return handleExceptionInternal(ex, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
	}

	/** The JSON property a well-formed body got wrong (e.g. text where a number belongs), if any. */
	private static @Nullable String fieldOf(HttpMessageNotReadableException ex) {
		if (ex.getCause() instanceof JacksonException jackson && !(jackson instanceof StreamReadException)) {
			String path = String.join(".", jackson.getPath().stream()
				.map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.toList());
			return path.isEmpty() ? null : path;
		}
		return null;
	}

	static ProblemDetail invalid(List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Some fields are invalid: " + String.join("; ",
						errors.stream().map(e -> e.field() + " " + e.message()).toList()) + ".");
		problem.setTitle("Invalid request");
		problem.setProperties(Map.of("errors", errors));
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleErrorResponseException(ErrorResponseException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (status.is4xxClientError()) {
			log.info("{} {}", status.value(), ex.getBody().getDetail());
		}
		return super.handleErrorResponseException(ex, headers, status, request);
	}
}

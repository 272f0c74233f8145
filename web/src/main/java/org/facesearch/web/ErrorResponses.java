package org.facesearch.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.facesearch.data.face.NoFaceException;
import org.facesearch.data.image.InvalidImageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exceptions to HTTP statuses, never with a stack trace: 400 not an image, 413 too large, 415
 * unsupported type, 422 no face, 503 not ready. The API answers with a JSON {@link ApiError}; the
 * pages with an HTML page saying the same. Anything unexpected is a 500 with a generic message; the
 * details go to the server log.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static void register(RoutesConfig routes) {
    routes.exception(
        HttpResponseException.class, (e, ctx) -> send(ctx, e.getStatus(), e.getMessage()));
    routes.exception(
        InvalidImageException.class, (e, ctx) -> send(ctx, status(e.reason()), e.getMessage()));
    routes.exception(
        NoFaceException.class,
        (e, ctx) -> send(ctx, HttpStatus.UNPROCESSABLE_CONTENT.getCode(), e.getMessage()));
    // The serving build changed under an enrolment (another model, or the other gallery vectors):
    // nothing was added; the message says what the build holds.
    routes.exception(
        org.facesearch.indexer.ModelMismatchException.class,
        (e, ctx) -> send(ctx, HttpStatus.CONFLICT.getCode(), e.getMessage()));
    routes.exception(
        NotReadyException.class,
        (e, ctx) -> send(ctx, HttpStatus.SERVICE_UNAVAILABLE.getCode(), e.getMessage()));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          send(
              ctx,
              HttpStatus.INTERNAL_SERVER_ERROR.getCode(),
              "internal error; the server log has the details");
        });
  }

  static int status(InvalidImageException.Reason reason) {
    return switch (reason) {
      case EMPTY, NOT_AN_IMAGE, CORRUPT -> HttpStatus.BAD_REQUEST.getCode();
      case UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode();
      case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE.getCode();
    };
  }

  static void send(Context ctx, int status, String message) {
    String text =
        message == null || message.isBlank() ? HttpStatus.forStatus(status).getMessage() : message;
    ctx.status(status);
    if (ctx.path().startsWith("/api/")) {
      ctx.json(new ApiError(text, status));
    } else {
      String title = HttpStatus.forStatus(status).getMessage();
      ctx.html(
          Layout.page(
              title,
              null,
              "<h1>"
                  + Html.escape(title)
                  + "</h1><p class=\"message warn\">"
                  + Html.escape(text)
                  + "</p><p><a href=\"/\">Back to the search</a></p>"));
    }
  }
}

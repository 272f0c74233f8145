package org.facesearch.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.UnsupportedMediaTypeResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.facesearch.data.face.Photo;

/**
 * Reads photo uploads (multipart forms), holding them in memory only. The declared size is checked
 * before any of the body is read; Jetty's multipart limits stop a body that lied or was chunked;
 * each part's size is checked again before its bytes are copied.
 */
final class Uploads {
  /** Room for the multipart boundaries, headers and small fields around the photos. */
  static final long FORM_OVERHEAD = 64 * 1024;

  /** The most photos one request may carry (enrolment). */
  static final int MAX_PHOTOS = 8;

  private final long maxPhotoBytes;

  Uploads(long maxPhotoBytes) {
    this.maxPhotoBytes = maxPhotoBytes;
  }

  long maxPhotoBytes() {
    return maxPhotoBytes;
  }

  /** The most a multipart request may hold in all. */
  long maxRequestBytes() {
    return MAX_PHOTOS * maxPhotoBytes + FORM_OVERHEAD;
  }

  /**
   * The request's form, for up to {@code photos} photos.
   *
   * @throws UnsupportedMediaTypeResponse if it is not a multipart form (checked before reading)
   * @throws ContentTooLargeResponse if it declares, or turns out to hold, too many bytes
   * @throws BadRequestResponse if the form is malformed
   */
  Form read(Context ctx, int photos) {
    if (!ctx.isMultipartFormData()) {
      throw new UnsupportedMediaTypeResponse(
          "send photos as multipart/form-data, got "
              + (ctx.contentType() == null ? "no content type" : ctx.contentType()));
    }
    long declared = ctx.req().getContentLengthLong();
    long limit = photos * maxPhotoBytes + FORM_OVERHEAD;
    if (declared > limit) {
      throw new ContentTooLargeResponse(
          "the upload is "
              + megabytes(declared)
              + ", over the limit of "
              + megabytes(maxPhotoBytes)
              + " per photo");
    }
    try {
      return new Form(ctx.uploadedFileMap(), ctx.formParamMap());
    } catch (Exception e) { // Jetty's ServletException arrives undeclared through Kotlin code

      if (overLimit(e)) {
        throw new ContentTooLargeResponse(
            "the upload is over the limit of " + megabytes(maxPhotoBytes) + " per photo");
      }
      throw new BadRequestResponse("malformed multipart form");
    }
  }

  /** Jetty refuses parts over the multipart limits while parsing, and says so only in a message. */
  private static boolean overLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("exceeded")
          || message.contains("exceeds")
          || message.contains("too large")) {
        return true;
      }
    }
    return false;
  }

  /** A parsed upload form. */
  final class Form {
    private final Map<String, List<UploadedFile>> files;
    private final Map<String, List<String>> fields;

    private Form(Map<String, List<UploadedFile>> files, Map<String, List<String>> fields) {
      this.files = files;
      this.fields = fields;
    }

    /** A text field, or null. */
    String text(String field) {
      List<String> values = fields.get(field);
      return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /**
     * The photo in file field {@code field}.
     *
     * @throws BadRequestResponse if the field is missing
     * @throws ContentTooLargeResponse if it is over the limit
     */
    Photo photo(String field) {
      return photos(field).getFirst();
    }

    /** Every photo in file field {@code field}; at least one. */
    List<Photo> photos(String field) {
      List<UploadedFile> parts = files.getOrDefault(field, List.of());
      if (parts.isEmpty()) {
        throw new BadRequestResponse(
            "no photo in the form: send it as the multipart file field '" + field + "'");
      }
      if (parts.size() > MAX_PHOTOS) {
        throw new BadRequestResponse(
            "at most " + MAX_PHOTOS + " photos per request, got " + parts.size());
      }
      return parts.stream().map(part -> photo(part, field)).toList();
    }

    private Photo photo(UploadedFile part, String field) {
      String name = describe(part, field);
      if (part.size() > maxPhotoBytes) {
        throw new ContentTooLargeResponse(
            name
                + " is "
                + megabytes(part.size())
                + ", over the limit of "
                + megabytes(maxPhotoBytes));
      }
      try (InputStream in = part.content()) {
        return new Photo(name, in.readNBytes((int) maxPhotoBytes + 1));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the upload " + name + ": " + e.getMessage(), e);
      }
    }
  }

  /** A name for messages: the client's file name, shortened and stripped of anything odd. */
  private static String describe(UploadedFile file, String field) {
    String filename = file.filename() == null ? "" : file.filename().replaceAll("[^\\w .()-]", "_");
    if (filename.length() > 80) {
      filename = filename.substring(0, 80) + "...";
    }
    return filename.isBlank() ? "the '" + field + "' photo" : "'" + filename + "'";
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}

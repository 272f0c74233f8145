package org.facesearch.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.facesearch.data.face.FaceReader;
import org.facesearch.indexer.Enroller;
import org.facesearch.indexer.Enrollment;
import org.facesearch.indexer.GalleryVectors;
import org.facesearch.indexer.PersonName;
import org.facesearch.model.Embedder;
import org.facesearch.searcher.ModelSource;

/**
 * {@code POST /api/enroll} (admin): adds a person ({@code name}) with one or more {@code photo}
 * fields to the serving build. Only registered when an admin token is configured, and only for
 * requests that send it as {@code Authorization: Bearer <token>}.
 */
final class EnrollApi {
  record Answer(String name, List<String> images, String build) {}

  private final LiveGallery gallery;
  private final FaceReader faces;
  private final Uploads uploads;
  private final byte[] token;

  EnrollApi(LiveGallery gallery, FaceReader faces, Uploads uploads, String token) {
    this.gallery = gallery;
    this.faces = faces;
    this.uploads = uploads;
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  void handle(Context ctx) {
    authorise(ctx);
    Uploads.Form form = uploads.read(ctx, Uploads.MAX_PHOTOS);
    String name = form.text("name");
    if (name == null || name.isBlank()) {
      throw new BadRequestResponse("the form needs a 'name' field, e.g. Ada_Lovelace");
    }
    PersonName person;
    try {
      person = new PersonName(name.strip());
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
    Enrollment enrollment;
    // Enrolled photos join the serving build's gallery, so they are embedded as it was: by the
    // model's teacher for a teacher gallery (loaded for this enrolment only; enrolling is rare).
    GalleryVectors vectors =
        gallery.root().current().map(b -> b.manifest().gallery()).orElse(GalleryVectors.MODEL);
    try (LiveGallery.Lease lease = gallery.lease()) {
      lease.searcher();
      if (vectors == GalleryVectors.TEACHER) {
        try (Embedder teacher = ModelSource.teacherSpace(lease.model())) {
          enrollment =
              new Enroller(gallery.root(), teacher, vectors, faces)
                  .enroll(person, form.photos("photo"));
        }
      } else {
        enrollment =
            new Enroller(gallery.root(), lease.model().embedder(), faces)
                .enroll(person, form.photos("photo"));
      }
    }
    gallery.refresh();
    ctx.status(HttpStatus.CREATED)
        .json(new Answer(person.value(), enrollment.images(), enrollment.build().name()));
  }

  private void authorise(Context ctx) {
    String header = ctx.header("Authorization");
    byte[] sent =
        header != null && header.startsWith("Bearer ")
            ? header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    // Constant-time comparison: response timing must not reveal how much of a guess was right.
    if (!MessageDigest.isEqual(sent, token)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new UnauthorizedResponse(
          "admin actions need the token from FACESEARCH_ADMIN_TOKEN as 'Authorization: Bearer"
              + " <token>'");
    }
  }
}

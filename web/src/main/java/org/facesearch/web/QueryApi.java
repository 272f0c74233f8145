package org.facesearch.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.indexer.FaceReader;
import org.facesearch.indexer.FramedFace;
import org.facesearch.indexer.Photo;
import org.facesearch.searcher.GallerySearcher;
import org.facesearch.searcher.LookAlike;
import org.facesearch.searcher.LookAlikeQuery;
import org.facesearch.searcher.LookAlikeResult;

/**
 * {@code POST /api/query}: the people who look most like the face in the {@code photo} field, best
 * first. Open-set whenever a verification threshold is known: the face is then "unknown" when
 * nobody reaches it.
 */
final class QueryApi {
  static final int DEFAULT_TOP = 5;
  static final int MAX_TOP = 50;

  /** {@code probability} (same person as the query face) is null without a calibration. */
  record Match(
      int rank,
      String identity,
      double score,
      Double probability,
      String thumbnail,
      String person) {}

  record Answer(
      FaceJson face,
      List<Match> results,
      Double threshold,
      String match,
      boolean unknown,
      String model,
      String build) {}

  private final LiveGallery gallery;
  private final FaceReader faces;
  private final Uploads uploads;

  QueryApi(LiveGallery gallery, FaceReader faces, Uploads uploads) {
    this.gallery = gallery;
    this.faces = faces;
    this.uploads = uploads;
  }

  void handle(Context ctx) {
    Uploads.Form form = uploads.read(ctx, 1);
    int top = top(form, ctx);
    try (LiveGallery.Lease lease = gallery.lease()) {
      GallerySearcher searcher = lease.searcher();
      Photo photo = form.photo("photo");
      FramedFace framed = faces.read(photo);
      boolean openSet = lease.threshold().isPresent();
      LookAlikeResult result =
          searcher.lookAlikes(photo, framed, new LookAlikeQuery(top, false, openSet));
      List<Match> matches = new ArrayList<>();
      for (LookAlike lookAlike : result.results()) {
        matches.add(
            new Match(
                matches.size() + 1,
                lookAlike.identity(),
                lookAlike.score(),
                VerifyApi.probability(lease.model(), lookAlike.score()),
                Links.thumbnail(lookAlike.sha256()),
                Links.person(lookAlike.identity())));
      }
      ctx.json(
          new Answer(
              FaceJson.of(framed),
              matches,
              result.threshold().isPresent() ? result.threshold().getAsDouble() : null,
              result.match().orElse(null),
              result.unknown(),
              lease.model().embedder().modelId(),
              searcher.build().name()));
    }
  }

  private static int top(Uploads.Form form, Context ctx) {
    String value = form.text("top");
    if (value == null) {
      value = ctx.queryParam("top");
    }
    if (value == null || value.isBlank()) {
      return DEFAULT_TOP;
    }
    try {
      int top = Integer.parseInt(value.strip());
      if (top >= 1 && top <= MAX_TOP) {
        return top;
      }
    } catch (NumberFormatException e) {
      // falls through to the same message as an out-of-range number
    }
    throw new BadRequestResponse(
        "'top' must be a whole number from 1 to " + MAX_TOP + ", got '" + value + "'");
  }
}

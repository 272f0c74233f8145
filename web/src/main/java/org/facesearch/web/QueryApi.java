package org.facesearch.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.FramedFace;
import org.facesearch.data.face.Photo;
import org.facesearch.data.timing.Stage;
import org.facesearch.data.timing.StageTimes;
import org.facesearch.searcher.GallerySearcher;
import org.facesearch.searcher.Identification;
import org.facesearch.searcher.LookAlike;
import org.facesearch.searcher.LookAlikeQuery;
import org.facesearch.searcher.LookAlikeResult;

/**
 * {@code POST /api/query}: the people who look most like the face in the {@code photo} field, best
 * first. Open-set whenever a threshold is known (the index's look-alike calibration's even-odds
 * score, a {@code --threshold}, or the model's verification threshold): the face is then "unknown"
 * when nobody reaches it.
 */
final class QueryApi {
  static final int DEFAULT_TOP = 5;
  static final int MAX_TOP = 50;

  /**
   * {@code identificationProbability}: that this is the query's person, calibrated on the index's
   * own look-alike searches (1:N), null when the index has none; {@code verificationProbability}:
   * that a random pair with this score is the same person (1:1, as {@code /api/verify} gives it),
   * null without the model's calibration.
   */
  record Match(
      int rank,
      String identity,
      double score,
      Double identificationProbability,
      Double verificationProbability,
      String thumbnail,
      String person) {}

  /**
   * @param face the face searched for: the one asked for by the {@code face} field (0 = the
   *     largest, the default)
   * @param faces every face found in the photo, largest first
   * @param note why the results have no identification probabilities; null when they have
   */
  record Answer(
      FaceJson face,
      List<FaceJson.Found> faces,
      int faceIndex,
      List<Match> results,
      Double threshold,
      String match,
      boolean unknown,
      String model,
      String build,
      String note) {}

  private final LiveGallery gallery;
  private final FaceReader faces;
  private final Uploads uploads;

  QueryApi(LiveGallery gallery, FaceReader faces, Uploads uploads) {
    this.gallery = gallery;
    this.faces = faces;
    this.uploads = uploads;
  }

  /**
   * Answers one query, timing its stages into a {@code Server-Timing} header (sent with errors too,
   * e.g. a photo without a face, so a client sees where those went as well).
   */
  void handle(Context ctx) {
    ServerTiming.timed(ctx, () -> answer(ctx));
  }

  private void answer(Context ctx) {
    Uploads.Form form = StageTimes.time(Stage.UPLOAD, () -> uploads.read(ctx, 1));
    int top = top(form, ctx);
    try (LiveGallery.Lease lease = gallery.lease()) {
      GallerySearcher searcher = lease.searcher();
      Photo photo = StageTimes.time(Stage.UPLOAD, () -> form.photo(WebServer.QUERY_PHOTO_FIELD));
      List<FramedFace> found = faces.readAll(photo);
      int index = faceIndex(form, found.size());
      FramedFace framed = found.get(index);
      boolean openSet = searcher.decidesOpenSet();
      LookAlikeResult result =
          searcher.lookAlikes(photo, framed, new LookAlikeQuery(top, false, openSet));
      StageTimes.time(Stage.RESPOND, () -> respond(ctx, lease, searcher, found, index, result));
    }
  }

  /** The answer's JSON, with the face searched for as a JPEG. */
  private static void respond(
      Context ctx,
      LiveGallery.Lease lease,
      GallerySearcher searcher,
      List<FramedFace> found,
      int index,
      LookAlikeResult result) {
    List<Match> matches = new ArrayList<>();
    for (LookAlike lookAlike : result.results()) {
      matches.add(
          new Match(
              matches.size() + 1,
              lookAlike.identity(),
              lookAlike.score(),
              lookAlike.identification().isPresent()
                  ? lookAlike.identification().getAsDouble()
                  : null,
              VerifyApi.probability(lease.model(), lookAlike.score()),
              Links.thumbnail(lookAlike.sha256()),
              Links.person(lookAlike.identity())));
    }
    ctx.json(
        new Answer(
            FaceJson.of(found.get(index)),
            found.stream().map(FaceJson.Found::of).toList(),
            index,
            matches,
            result.threshold().isPresent() ? result.threshold().getAsDouble() : null,
            result.match().orElse(null),
            result.unknown(),
            lease.model().embedder().modelId(),
            searcher.build().name(),
            result.identification().unavailable().map(QueryApi::note).orElse(null)));
  }

  /** Why the results have no look-alike probabilities, and how a gallery gets them. */
  static String note(Identification.Unavailable unavailable) {
    return unavailable.message()
        + switch (unavailable.reason()) {
          case BUILT_BEFORE_LOOK_ALIKES -> "; re-indexing the gallery fits one";
          case GALLERY_CANNOT_FIT ->
              "; a gallery with more people, and more photos of each, fits one";
          case UNUSABLE -> "; re-indexing the gallery fits a new one";
        };
  }

  /** The {@code face} field: which of the faces found to search for, counted from 0. */
  private static int faceIndex(Uploads.Form form, int found) {
    String value = form.text("face");
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      int index = Integer.parseInt(value.strip());
      if (index >= 0 && index < found) {
        return index;
      }
    } catch (NumberFormatException e) {
      // falls through to the same message as an out-of-range number
    }
    throw new BadRequestResponse(
        "'face' must be a face number from 0 to "
            + (found - 1)
            + " ("
            + found
            + " found in the photo), got '"
            + value
            + "'");
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

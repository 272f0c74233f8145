package org.facesearch.web;

import io.javalin.http.Context;
import java.util.OptionalDouble;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.FramedFace;
import org.facesearch.data.face.Photo;
import org.facesearch.data.timing.Stage;
import org.facesearch.data.timing.StageTimes;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.VerificationResult;
import org.facesearch.searcher.Verifier;

/** {@code POST /api/verify}: do photos {@code a} and {@code b} show the same person? */
final class VerifyApi {
  /** {@code probability} (same person) is null for a model without a calibration. */
  record Answer(
      boolean same,
      double score,
      Double probability,
      double threshold,
      FaceJson a,
      FaceJson b,
      String model) {}

  private final LiveGallery gallery;
  private final FaceReader faces;
  private final Uploads uploads;

  VerifyApi(LiveGallery gallery, FaceReader faces, Uploads uploads) {
    this.gallery = gallery;
    this.faces = faces;
    this.uploads = uploads;
  }

  /** The model's probability for a score, or null (JSON null) without a calibration. */
  static Double probability(LoadedModel model, double score) {
    OptionalDouble p = model.probability(score);
    return p.isPresent() ? p.getAsDouble() : null;
  }

  /** Answers one pair, its stages (both faces' together) in a {@code Server-Timing} header. */
  void handle(Context ctx) {
    ServerTiming.timed(ctx, () -> answer(ctx));
  }

  private void answer(Context ctx) {
    Uploads.Form form = StageTimes.time(Stage.UPLOAD, () -> uploads.read(ctx, 2));
    try (LiveGallery.Lease lease = gallery.lease()) {
      Verifier verifier = lease.verifier();
      Photo a = StageTimes.time(Stage.UPLOAD, () -> form.photo("a"));
      Photo b = StageTimes.time(Stage.UPLOAD, () -> form.photo("b"));
      FramedFace faceA = faces.read(a);
      FramedFace faceB = faces.read(b);
      VerificationResult result = verifier.verify(faceA, faceB);
      StageTimes.time(
          Stage.RESPOND,
          () ->
              ctx.json(
                  new Answer(
                      result.same(),
                      result.score(),
                      probability(lease.model(), result.score()),
                      result.threshold(),
                      FaceJson.of(faceA),
                      FaceJson.of(faceB),
                      lease.model().embedder().modelId())));
    }
  }
}

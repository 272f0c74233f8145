package org.facesearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.facesearch.data.DataLocation;
import org.facesearch.data.Workspace;
import org.facesearch.data.detect.FaceBox;
import org.facesearch.data.detect.FaceLandmarks;
import org.facesearch.data.detect.ImagePoint;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.FramedFace;
import org.facesearch.data.face.NoFaceException;
import org.facesearch.data.face.Photo;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.LookAlikeCalibration;
import org.facesearch.searcher.GallerySearcher;
import org.facesearch.searcher.Identification;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.LookAlike;
import org.facesearch.searcher.LookAlikeQuery;
import org.facesearch.searcher.LookAlikeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code facesearch query PHOTO}: who in the gallery looks most like the face in a photo. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Find the people in the index who look most like the face in PHOTO. Exit code 3 if no face"
            + " is found.")
final class QueryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOption index;
  @Mixin ModelOption model;
  @Mixin DetectorOption detector;

  @Parameters(
      index = "0",
      paramLabel = "PHOTO",
      description = "A photo with a face (JPEG, PNG, WebP, BMP or TIFF).")
  Path photo;

  @Option(names = "--top", paramLabel = "K", description = "How many people to list (default 5).")
  int top = 5;

  @Option(
      names = "--exclude-image",
      description = "Leave out the gallery image that is this very photo file.")
  boolean excludeImage;

  @Option(
      names = "--open-set",
      description =
          "Say 'unknown' when the first answer's look-alike probability is below 50%% (for an index"
              + " without look-alike probabilities: when it is below the verification threshold).")
  boolean openSet;

  @Option(
      names = "--threshold",
      paramLabel = "T",
      description =
          "Score (cosine) the first answer must reach for --open-set (default: where its look-alike"
              + " probability is 50%%, else the model's verification threshold).")
  Double threshold;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(
      names = "--all-faces",
      description = "Search for every face in the photo (largest first), not only the largest.")
  boolean allFaces;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "LFW folder for the first index build, when there is no index yet (default:"
              + " $FACESEARCH_DATA, or the workspace's).")
  Path data;

  /**
   * Where the face is in the photo, how sure the detector is, and its landmarks (none for Haar).
   */
  record FaceJson(
      int x,
      int y,
      int width,
      int height,
      double score,
      String detector,
      Map<String, ImagePoint> landmarks) {
    static FaceJson of(FramedFace framed) {
      FaceBox box = framed.face();
      return new FaceJson(
          box.x(),
          box.y(),
          box.width(),
          box.height(),
          framed.detection().score(),
          framed.detector().id(),
          framed.detection().landmarks().map(FaceLandmarks::named).orElse(Map.of()));
    }
  }

  /**
   * {@code identificationProbability}: that this person is the query's, calibrated on this index's
   * own look-alike searches (1:N), null when the index has no look-alike calibration; {@code
   * verificationProbability}: that a random pair with this score is the same person (1:1, the
   * model's calibration, as {@code verify} reports it), null for an uncalibrated model.
   */
  record ResultJson(
      int rank,
      String identity,
      double score,
      Double identificationProbability,
      Double verificationProbability,
      String image) {}

  /** {@code note} says why there are no identification probabilities; null when there are. */
  record QueryJson(FaceJson face, List<ResultJson> results, String note) {}

  record OpenSetJson(
      FaceJson face, List<ResultJson> results, String match, double threshold, String note) {}

  record AllFacesJson(List<Object> faces) {}

  @Override
  public Integer call() {
    if (top < 1 || top > LookAlikeQuery.MAX_TOP) {
      throw new ParameterException(
          spec.commandLine(), "--top must be in 1.." + LookAlikeQuery.MAX_TOP + ", got " + top);
    }
    LookAlikeQuery query = new LookAlikeQuery(top, excludeImage, openSet);
    Photo input = Photo.read(photo);
    GalleryIndex root = index.root();
    PrintWriter out = spec.commandLine().getOut();
    try (LoadedModel loaded = model.load(root)) {
      if (root.current().isEmpty()) {
        buildFirstIndex(root, loaded);
      }
      return search(input, query, root, loaded, out);
    }
  }

  /**
   * A fresh install has a model but no index: build one rather than fail, so that the very first
   * query works (about half a minute for all of LFW; later queries reuse it).
   */
  private void buildFirstIndex(GalleryIndex root, LoadedModel loaded) {
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "facesearch: no index at %s yet; building one with %s first (once only)%n",
        root.location(), loaded.source());
    err.flush();
    Map<String, String> env = System.getenv();
    Path dataRoot = DataLocation.resolve(data, env, Workspace.fromEnvironment(env));
    IndexCommand.build(
        root, loaded, new BuildSettings(dataRoot, 1, HnswParams.DEFAULT, loaded.source()));
  }

  /** A probability as a person reads it: whole percents, never a flat 0 % or 100 %. */
  static String percent(double probability) {
    long rounded = Math.round(probability * 100);
    if (rounded >= 100 && probability < 1) {
      return ">99%";
    }
    if (rounded <= 0 && probability > 0) {
      return "<1%";
    }
    return rounded + "%";
  }

  private int search(
      Photo input, LookAlikeQuery query, GalleryIndex root, LoadedModel loaded, PrintWriter out) {
    try (FaceReader faces = detector.reader();
        GallerySearcher searcher =
            new GallerySearcher(
                root,
                loaded.embedder(),
                faces,
                threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold),
                loaded.threshold(null))) {
      List<FramedFace> found = allFaces ? faces.readAll(input) : List.of(faces.read(input));
      List<Object> answers = new ArrayList<>();
      Identification identification = null;
      for (int i = 0; i < found.size(); i++) {
        FramedFace framed = found.get(i);
        LookAlikeResult result = searcher.lookAlikes(input, framed, query);
        identification = result.identification();
        if (json) {
          answers.add(json(framed, result, loaded));
        } else {
          if (allFaces) {
            out.printf("Face %d of %d:%n", i + 1, found.size());
          }
          print(out, framed, result, loaded);
        }
      }
      if (json) {
        Json.print(out, allFaces ? new AllFacesJson(answers) : answers.getFirst());
      } else if (identification != null) {
        explain(out, identification, loaded);
      }
      out.flush();
      if (identification != null && identification.unavailable().isPresent()) {
        // Once per command, on stderr, so that it never breaks --json.
        PrintWriter err = spec.commandLine().getErr();
        err.println("facesearch: note: " + IndexAdvice.note(identification.unavailable().get()));
        err.flush();
      }
      return 0;
    } catch (NoFaceException e) {
      if (!json) {
        throw e;
      }
      Json.print(out, Map.of("error", e.getMessage()));
      return ExitCodes.NO_FACE;
    }
  }

  private static Object json(FramedFace framed, LookAlikeResult result, LoadedModel loaded) {
    List<ResultJson> results = new ArrayList<>();
    for (LookAlike r : result.results()) {
      OptionalDouble verification = loaded.probability(r.score());
      results.add(
          new ResultJson(
              results.size() + 1,
              r.identity(),
              r.score(),
              r.identification().isPresent() ? r.identification().getAsDouble() : null,
              verification.isPresent() ? verification.getAsDouble() : null,
              r.image()));
    }
    FaceJson face = FaceJson.of(framed);
    String note = result.identification().unavailable().map(IndexAdvice::note).orElse(null);
    return result.threshold().isPresent()
        ? new OpenSetJson(
            face, results, result.match().orElse("unknown"), result.threshold().getAsDouble(), note)
        : new QueryJson(face, results, note);
  }

  /**
   * The percentage shown beside a look-alike: the identification probability (1:N), or without the
   * index's look-alike calibration the model's verification probability (1:1), as before.
   */
  private static OptionalDouble shown(LookAlike lookAlike, LoadedModel loaded) {
    return lookAlike.identification().isPresent()
        ? lookAlike.identification()
        : loaded.probability(lookAlike.score());
  }

  private void print(
      PrintWriter out, FramedFace framed, LookAlikeResult result, LoadedModel loaded) {
    FaceBox face = result.face();
    out.printf(
        "Face at x=%d y=%d, %dx%d (%s, score %.2f)%n",
        face.x(),
        face.y(),
        face.width(),
        face.height(),
        framed.detector().id(),
        framed.detection().score());
    int rank = 1;
    for (LookAlike lookAlike : result.results()) {
      OptionalDouble p = shown(lookAlike, loaded);
      out.printf(
          "%3d. %-30s %.3f %s %s%n",
          rank++,
          lookAlike.identity(),
          lookAlike.score(),
          p.isPresent() ? String.format("%5s", percent(p.getAsDouble())) : "",
          lookAlike.image());
    }
    if (result.threshold().isPresent()) {
      out.printf(
          "Match: %s (threshold %.3f)%n",
          result.match().orElse("unknown"), result.threshold().getAsDouble());
    }
  }

  /** What the percentages are, once after the answers. */
  private static void explain(PrintWriter out, Identification identification, LoadedModel loaded) {
    if (identification.calibration().isPresent()) {
      LookAlikeCalibration c = identification.calibration().get();
      out.printf(
          "(%%: the chance that each is this face's person, calibrated on %,d look-alike searches"
              + " of this index; not the 1:1 probability of `verify`)%n",
          c.queries());
    } else if (loaded.calibration().isPresent()) {
      out.println(
          "(%: the 1:1 verification probability, which overrates look-alikes; see the note)");
    }
  }
}

package org.facesearch.data.detect.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.detect.BlazeFaceDetector;
import org.facesearch.data.detect.Detection;
import org.facesearch.data.detect.DetectorOptions;
import org.facesearch.data.detect.FaceBox;
import org.facesearch.data.detect.FaceDetector;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.image.ImageLimits;

/**
 * Detection rate and speed of face detectors on LFW itself and on {@link PlacedFaces}, side by
 * side. A photo counts as read correctly when the largest face reported (what {@code FaceReader}
 * takes) is the true face: it overlaps the true box by IoU 0.5 or more, or each box holds the
 * other's centre (LFW's funnelling leaves faces 0.7 to 1.4 times the typical size: the central face
 * of Tom_Brady_0002 is found as a 63-pixel box, IoU 0.33 with the typical 110). On LFW the true box
 * is {@link PlacedFaces#FACE_IN_FRAME}, the middle of the deep-funneled frame.
 */
public final class DetectBenchmark {
  /** IoU with the true box at which a detection counts as the face. */
  public static final double MIN_IOU = 0.5;

  private DetectBenchmark() {}

  /**
   * One detector on one image set. With {@link DetectorOptions.Selection#LARGEST} only the largest
   * face is reported, so {@code found} and {@code exactlyOne} say nothing beyond {@code correct}.
   */
  public record Score(
      String detector,
      String set,
      DetectorOptions.Selection selection,
      int photos,
      int correct,
      int found,
      int exactlyOne,
      int none,
      double millisPerPhoto,
      double passesPerPhoto) {
    public double rate() {
      return correct / (double) photos;
    }
  }

  /** A sample: an image file and where its face truly is. */
  public record Sample(Path photo, FaceBox face) {}

  /** Every {@code step}-th LFW image in path order, each with the frame's central face box. */
  public static List<Sample> lfw(LfwDataset lfw, int step) {
    List<Sample> samples = new ArrayList<>();
    List<FaceImage> images = lfw.images();
    for (int i = 0; i < images.size(); i += step) {
      samples.add(new Sample(images.get(i).path(), PlacedFaces.FACE_IN_FRAME));
    }
    return samples;
  }

  public static List<Sample> placed(List<PlacedFace> placed) {
    return placed.stream().map(p -> new Sample(p.photo(), p.face())).toList();
  }

  /**
   * Runs a detector over {@code samples}, asking for {@code selection} (every face, or only the
   * largest as a search reads a photo), and scores it. The first 20 photos are run once untimed, so
   * the timing excludes the model's warm-up.
   */
  public static Score score(
      String set,
      List<Sample> samples,
      String name,
      Supplier<FaceDetector> open,
      DetectorOptions.Selection selection) {
    ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
    int correct = 0;
    int found = 0;
    int exactlyOne = 0;
    int none = 0;
    long nanos = 0;
    long passes = 0;
    try (FaceDetector detector = open.get()) {
      for (int i = 0; i < Math.min(20, samples.size()); i++) {
        detector.detect(decode(decoder, samples.get(i).photo()), selection);
      }
      for (Sample sample : samples) {
        BufferedImage image = decode(decoder, sample.photo());
        long before = detector instanceof BlazeFaceDetector blaze ? blaze.passes() : 0;
        long start = System.nanoTime();
        Detection detection = detector.detect(image, selection);
        nanos += System.nanoTime() - start;
        passes += detector instanceof BlazeFaceDetector blaze ? blaze.passes() - before : 1;
        if (detection instanceof Detection.FacesFound faces) {
          if (isTheFace(faces.largest().box(), sample.face())) {
            correct++;
          }
          long hits = faces.faces().stream().filter(f -> isTheFace(f.box(), sample.face())).count();
          if (hits > 0) {
            found++;
          }
          if (faces.faces().size() == 1 && hits == 1) {
            exactlyOne++;
          }
        } else {
          none++;
        }
      }
    }
    return new Score(
        name,
        set,
        selection,
        samples.size(),
        correct,
        found,
        exactlyOne,
        none,
        nanos / 1e6 / samples.size(),
        passes / (double) samples.size());
  }

  /** Whether a detected box is the true face; see the class comment. */
  public static boolean isTheFace(FaceBox found, FaceBox truth) {
    return found.overlap(truth) >= MIN_IOU
        || (contains(found, truth.centerX(), truth.centerY())
            && contains(truth, found.centerX(), found.centerY()));
  }

  private static boolean contains(FaceBox box, double x, double y) {
    return x >= box.x()
        && x <= box.x() + box.width()
        && y >= box.y()
        && y <= box.y() + box.height();
  }

  private static BufferedImage decode(ImageDecoder decoder, Path photo) {
    try {
      return decoder.decode(Files.readAllBytes(photo), photo.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + photo, e);
    }
  }

  /** The scores as a table, then each detector's ratios against the first one, set by set. */
  public static void print(List<Score> scores, PrintWriter out) {
    out.printf(
        "%-10s %-8s %6s %9s %9s %9s %6s %9s %8s%n",
        "detector", "set", "photos", "largest", "found", "only-one", "none", "ms/photo", "passes");
    for (Score s : scores) {
      boolean every = s.selection() == DetectorOptions.Selection.ALL;
      out.printf(
          "%-10s %-8s %6d %8.2f%% %9s %9s %6d %9.1f %8.1f%n",
          s.detector(),
          s.set(),
          s.photos(),
          100 * s.rate(),
          every ? String.format("%.2f%%", 100.0 * s.found() / s.photos()) : "-",
          every ? String.format("%.2f%%", 100.0 * s.exactlyOne() / s.photos()) : "-",
          s.none(),
          s.millisPerPhoto(),
          s.passesPerPhoto());
    }
    Map<String, Score> first = new java.util.LinkedHashMap<>();
    for (Score s : scores) {
      first.putIfAbsent(s.set(), s);
    }
    for (Score s : scores) {
      Score base = first.get(s.set());
      if (s != base) {
        out.printf(
            "%s vs %s on %s: misses %.2fx, time %.2fx%n",
            s.detector(),
            base.detector(),
            s.set(),
            (s.photos() - s.correct()) / (double) Math.max(1, base.photos() - base.correct()),
            s.millisPerPhoto() / base.millisPerPhoto());
      }
    }
    out.println(
        "largest: the largest face reported is the true face (IoU >= "
            + MIN_IOU
            + ", or each box holds the other's centre); found: the true face is among those reported;"
            + " only-one: it is the only face reported ('-': the detector was asked for the largest"
            + " face only, as a search asks); passes: network passes per photo (a Haar"
            + " scan counts as one)");
    out.flush();
  }
}

package org.facesearch.data.detect;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImages;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.facesearch.data.timing.Stage;
import org.facesearch.data.timing.StageTimes;

/**
 * MediaPipe's BlazeFace run by OpenCV's DNN module: face boxes, scores and six landmarks.
 *
 * <p>Multi-scale: the network sees a 128x128 image, in which a face needs roughly a tenth of the
 * side to be found, so a small face in a large photo vanishes when the whole photo is shrunk. The
 * detector therefore looks at the whole photo (letterboxed to a square) and, when the photo is
 * large enough, at overlapping square tiles of 1/2 and 1/3 of its shorter side (half a tile's
 * overlap, so every face smaller than half a tile lies wholly inside one), and merges everything
 * with {@link WeightedNms}. Each tile costs a network pass and a 1024x768 photo has 50 of them, so
 * when only the largest face is asked for (what a search reads from a photo), the scales run as a
 * cascade that stops at the first one holding a sure face: a face the whole-photo pass is sure of
 * is rarely a false one (clutter scores 0.5 to 0.65 there), and the tiles would only add faces far
 * smaller than it. When every face is asked for (the web page draws them all), every tile runs,
 * since a small face beside a large one is one the user may want to click.
 *
 * <p>Between the whole photo and the tiles, the largest-face cascade can look once with MediaPipe's
 * full-range network ({@link BlazeFaceModel#FULL_RANGE}, 192x192, made for faces far from the
 * camera): on 300 placed-face photos it was sure (0.6 or more) of the true face in 255, wrong in
 * none, where the short-range whole-photo pass was sure in 155; one full-range pass costs about two
 * short-range ones, the tiles it spares about ten. Its faces are taken only when it is sure, and
 * only after the short-range pass was not, so a photo whose face the short-range network is sure of
 * (every LFW image a gallery holds) keeps that network's box and landmarks.
 *
 * <p>Thread-safety: an OpenCV {@code Net} is not thread-safe, so {@link #detect} is synchronised.
 */
public final class BlazeFaceDetector implements FaceDetector {

  /** MediaPipe's {@code min_score_thresh} for the short-range model, used on the whole photo. */
  static final double MIN_SCORE = 0.5;

  /**
   * A tile magnifies clutter as much as faces, and the network, trained on whole frames, fires on
   * it: on 60 placed-face photos tiles at 0.5 gave a false face larger than the real one in 39, at
   * 0.7 in 3, at 0.8 in none, while real faces scored 0.85 and more.
   */
  static final double TILE_MIN_SCORE = 0.8;

  /** A face at least this sure hides the less sure ones; see {@link #confident}. */
  static final double CONFIDENT = 0.75;

  /**
   * How sure the full-range pass must be to end the cascade. Its scores run lower than the
   * short-range network's: on 300 placed-face photos, alone and with {@link #confident} applied,
   * its largest face at 0.5 or more was the true one in 270 and a false one in none (at 0.6: 255
   * and none; at 0.75: 193); 0.6 keeps a margin over MediaPipe's own 0.5 for clutter this set does
   * not have. Without {@link #confident}, a false face of 0.66 larger than the true one of 0.85 was
   * taken in one photo.
   */
  static final double FULL_RANGE_SURE = 0.6;

  /** MediaPipe's {@code min_suppression_threshold}: IoU at which detections are blended. */
  static final double MIN_OVERLAP = 0.3;

  /**
   * Tile sides as fractions of the photo's shorter side; tiles overlap by half their side. On 250
   * placed-face photos (faces 55 to 165 pixels in 640x480 to 1024x768) halves alone found the right
   * face in 242 (4 faces of about 60 pixels not at all) in 167 ms a photo; halves and thirds in
   * 246, in 495 ms.
   */
  private static final double[] TILE_FRACTIONS = {1 / 2.0, 1 / 3.0};

  /**
   * A face touching a tile's inner edge is probably cut by it; the whole face is found in the
   * neighbouring tile (or the whole-photo pass), so the partial one is dropped rather than reported
   * as a second, smaller face.
   */
  private static final double EDGE_MARGIN = 0.02;

  private final Network shortRange;

  /** The full-range network looking before the tiles, or null when the detector has none. */
  private final Network fullRange;

  private final DetectorOptions options;
  private final Scales scales;
  private boolean closed;
  private long passes;

  /** Which of the photo's scales the network sees. */
  public enum Scales {
    /** The whole photo only: the single-scale baseline the benchmark and tests compare against. */
    WHOLE_PHOTO,
    /**
     * The whole photo and the tiles of 1/2 and 1/3 (the default): all of them for every face, as a
     * cascade stopping at the first sure face for the largest only.
     */
    TILES,
    /** Every tile even for the largest face only: the policy before the cascade, a baseline. */
    ALL_TILES
  }

  /**
   * Loads {@code modelFile}, the {@link BlazeFaceModel#SHORT_RANGE} network ({@code
   * face_detection_short_range.tflite}), looking at the {@link Scales#TILES}, without the
   * full-range pass.
   *
   * @throws IllegalArgumentException if the file is missing or not a BlazeFace network
   */
  public BlazeFaceDetector(Path modelFile, DetectorOptions options) {
    this(modelFile, BlazeFaceModel.SHORT_RANGE, options, Scales.TILES);
  }

  /**
   * The default detector: the short-range network ({@code shortRangeFile}) over the {@link
   * Scales#TILES}, and the full-range one ({@code fullRangeFile}, {@code
   * face_detection_full_range.tflite}) looking once before the tiles when only the largest face is
   * asked for.
   *
   * @throws IllegalArgumentException if a file is missing or not that BlazeFace network
   */
  public BlazeFaceDetector(Path shortRangeFile, Path fullRangeFile, DetectorOptions options) {
    this(shortRangeFile, BlazeFaceModel.SHORT_RANGE, fullRangeFile, options, Scales.TILES);
  }

  /**
   * One network, {@code model} read from {@code modelFile}, over the chosen {@code scales}, without
   * the full-range pass.
   *
   * @throws IllegalArgumentException if the file is missing or not that BlazeFace network
   */
  public BlazeFaceDetector(
      Path modelFile, BlazeFaceModel model, DetectorOptions options, Scales scales) {
    this(modelFile, model, null, options, scales);
  }

  private BlazeFaceDetector(
      Path modelFile,
      BlazeFaceModel model,
      Path fullRangeFile,
      DetectorOptions options,
      Scales scales) {
    this.options = Objects.requireNonNull(options, "options");
    this.scales = Objects.requireNonNull(scales, "scales");
    this.shortRange = Network.load(modelFile, Objects.requireNonNull(model, "model"));
    try {
      this.fullRange =
          fullRangeFile == null ? null : Network.load(fullRangeFile, BlazeFaceModel.FULL_RANGE);
    } catch (RuntimeException e) {
      shortRange.close();
      throw e;
    }
  }

  /**
   * A loaded network and the anchors its outputs are decoded against. OpenCV reads any TFLite file
   * it can parse, so the outputs are checked against the model's anchor count here: a file of the
   * other BlazeFace network (or any other one) is refused at load rather than decoded into
   * nonsense.
   */
  private record Network(BlazeFaceModel model, Net net, double[] anchors) {
    static Network load(Path file, BlazeFaceModel model) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("BlazeFace model file not found: " + file);
      }
      Net loaded;
      try {
        loaded = readNetFromTFLite(file.toString());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "OpenCV cannot read " + file + " as a TFLite network: " + e.getMessage(), e);
      }
      if (loaded.empty()) {
        loaded.close();
        throw new IllegalArgumentException("OpenCV read an empty network from " + file);
      }
      Network network = new Network(model, loaded, model.anchors());
      try {
        network.check(file);
      } catch (RuntimeException e) {
        loaded.close();
        throw e;
      }
      return network;
    }

    private void check(Path file) {
      try (StringVector names = net.getUnconnectedOutLayersNames()) {
        if (names.size() != 2) {
          throw new IllegalArgumentException(
              file
                  + " is not a BlazeFace network: it has "
                  + names.size()
                  + " outputs, BlazeFace has 2 (scores and boxes)");
        }
      }
      int size = model.inputSize();
      try (PointerScope scope = new PointerScope();
          Mat blank = new Mat(size, size, org.bytedeco.opencv.global.opencv_core.CV_8UC3)) {
        blank.put(new Scalar(127.0, 127.0, 127.0, 0));
        try {
          run(blank, new View(0, 0, size, true));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              file
                  + " is not the "
                  + model.file()
                  + " network: its outputs do not fit "
                  + model.anchorCount()
                  + " anchors of a "
                  + size
                  + "x"
                  + size
                  + " input ("
                  + e.getMessage()
                  + ")",
              e);
        }
      }
    }

    /** One view through the network: scores [anchors] and regressors [anchors x 16]. */
    float[][] run(Mat bgr, View view) {
      int size = model.inputSize();
      MatVector inputs = new MatVector(1);
      inputs.put(0, crop(bgr, view, size));
      // RGB scaled to [-1, 1], as MediaPipe feeds the network.
      Mat blob =
          blobFromImages(
              inputs,
              1 / 127.5,
              new Size(size, size),
              new Scalar(127.5, 127.5, 127.5, 0),
              true,
              false,
              org.bytedeco.opencv.global.opencv_core.CV_32F);
      net.setInput(blob);
      StringVector names = net.getUnconnectedOutLayersNames();
      MatVector outs = new MatVector();
      net.forward(outs, names);
      float[] scores = null;
      float[] boxes = null;
      for (long i = 0; i < outs.size(); i++) {
        Mat out = outs.get(i);
        float[] values = new float[(int) out.total()];
        FloatBuffer buffer = out.createBuffer();
        buffer.get(values);
        if (values.length == model.anchorCount()) {
          scores = values;
        } else if (values.length == model.anchorCount() * Candidate.LENGTH) {
          boxes = values;
        }
      }
      if (scores == null || boxes == null) {
        throw new IllegalStateException("the BlazeFace network's outputs have unexpected sizes");
      }
      return new float[][] {scores, boxes};
    }

    void close() {
      net.close();
    }
  }

  @Override
  public DetectorOptions options() {
    return options;
  }

  @Override
  public DetectorKind kind() {
    return DetectorKind.BLAZEFACE;
  }

  @Override
  public Detection detect(BufferedImage image) {
    return detect(image, options.selection());
  }

  @Override
  public Detection detect(BufferedImage image, DetectorOptions.Selection selection) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(selection, "selection");
    long asked = System.nanoTime();
    synchronized (this) {
      // Concurrent requests queue here for the one network: their wait is not detection.
      StageTimes.record(Stage.WAIT, System.nanoTime() - asked);
      return detectAlone(image, selection);
    }
  }

  private Detection detectAlone(BufferedImage image, DetectorOptions.Selection selection) {
    if (closed) {
      throw new IllegalStateException("this BlazeFaceDetector is closed");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    double minSide = options.minFaceSize() * Math.min(w, h);
    boolean cascade = scales == Scales.TILES && selection == DetectorOptions.Selection.LARGEST;
    List<Candidate> candidates = new ArrayList<>();
    List<Candidate> faces = List.of();
    try (PointerScope scope = new PointerScope();
        Mat bgr = OpenCvImages.bgr(image)) {
      List<List<View>> views = scales(w, h);
      for (int k = 0; k < views.size(); k++) {
        // One view per forward pass: OpenCV's TFLite import keeps the graph's batch-1 reshapes,
        // so a batch of views comes back scrambled.
        for (View view : views.get(k)) {
          look(shortRange, bgr, view, w, h, candidates, view.whole() ? MIN_SCORE : TILE_MIN_SCORE);
        }
        faces = large(WeightedNms.merge(candidates, MIN_OVERLAP), minSide);
        if (cascade && faces.stream().anyMatch(c -> c.score() >= CONFIDENT)) {
          break;
        }
        if (cascade && k == 0 && fullRange != null) {
          // Its candidates stay out of the tiles' merge: the cascade goes on exactly as without
          // it when it is not sure.
          List<Candidate> far = new ArrayList<>();
          look(fullRange, bgr, views.get(0).getFirst(), w, h, far, FULL_RANGE_SURE);
          List<Candidate> sure = large(WeightedNms.merge(far, MIN_OVERLAP), minSide);
          if (!sure.isEmpty()) {
            // Its clutter scores up to about 0.7 as well: a face it is more sure of hides it.
            return Detection.of(
                confident(sure).stream().map(Candidate::toFace).toList(), selection);
          }
        }
      }
    }
    return Detection.of(confident(faces).stream().map(Candidate::toFace).toList(), selection);
  }

  /**
   * One network pass over {@code view}, its faces of at least {@code minScore} added to {@code
   * into}.
   */
  private void look(
      Network network, Mat bgr, View view, int w, int h, List<Candidate> into, double minScore) {
    float[][] outputs = network.run(bgr, view);
    passes++;
    decode(network, view, outputs[0], outputs[1], w, h, minScore, into);
  }

  /**
   * Network passes run since this detector was opened: one per view (the whole photo, the
   * full-range look, each tile), so the cost of the photos seen, in the unit that dominates it.
   */
  public synchronized long passes() {
    return passes;
  }

  private static List<Candidate> large(List<Candidate> faces, double minSide) {
    return faces.stream().filter(c -> Math.max(c.width(), c.height()) >= minSide).toList();
  }

  /**
   * The confident faces, or the single best one when none is confident. In clutter the network
   * gives large background patterns scores of 0.5 to 0.65 while real faces score above 0.8 (on 250
   * placed-face photos a false face outsized the real one in 19), but a few hard LFW faces score
   * only 0.5 to 0.75 (9 of 1,324), and with nothing better they are still the face.
   */
  private static List<Candidate> confident(List<Candidate> faces) {
    List<Candidate> sure = faces.stream().filter(c -> c.score() >= CONFIDENT).toList();
    if (!sure.isEmpty() || faces.isEmpty()) {
      return sure;
    }
    return List.of(faces.stream().max(Comparator.comparingDouble(Candidate::score)).get());
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      shortRange.close();
      if (fullRange != null) {
        fullRange.close();
      }
    }
  }

  /** A square part of the photo the network looks at; may reach past the edges (letterbox). */
  record View(int x, int y, int side, boolean whole) {}

  /**
   * The views a photo of this size gets, scale by scale: the whole photo, then (unless {@link
   * Scales#WHOLE_PHOTO}) the tiles of each fraction; none for LFW's 250x250.
   */
  List<List<View>> scales(int w, int h) {
    List<List<View>> views = new ArrayList<>();
    int longer = Math.max(w, h);
    views.add(List.of(new View((w - longer) / 2, (h - longer) / 2, longer, true)));
    if (scales == Scales.WHOLE_PHOTO) {
      return views;
    }
    int shorter = Math.min(w, h);
    for (double fraction : TILE_FRACTIONS) {
      int side = (int) Math.round(shorter * fraction);
      // A tile smaller than the input would only be enlarged: the whole photo already shows its
      // faces at least that large.
      if (side < shortRange.model().inputSize()) {
        continue;
      }
      int stride = side / 2;
      List<View> tiles = new ArrayList<>();
      for (int y : positions(h, side, stride)) {
        for (int x : positions(w, side, stride)) {
          tiles.add(new View(x, y, side, false));
        }
      }
      views.add(tiles);
    }
    return views;
  }

  /** Tile origins along one axis: every {@code stride}, the last one flush with the far edge. */
  private static List<Integer> positions(int length, int side, int stride) {
    List<Integer> starts = new ArrayList<>();
    for (int p = 0; ; p += stride) {
      if (p + side >= length) {
        starts.add(Math.max(0, length - side));
        return starts;
      }
      starts.add(p);
    }
  }

  /** The view's pixels as a size x size BGR image, black where the view lies past the photo. */
  private static Mat crop(Mat bgr, View view, int size) {
    int w = bgr.cols();
    int h = bgr.rows();
    int x0 = Math.max(0, view.x());
    int y0 = Math.max(0, view.y());
    int x1 = Math.min(w, view.x() + view.side());
    int y1 = Math.min(h, view.y() + view.side());
    Mat visible = bgr.apply(new Rect(x0, y0, x1 - x0, y1 - y0));
    Mat square = new Mat();
    copyMakeBorder(
        visible,
        square,
        y0 - view.y(),
        view.y() + view.side() - y1,
        x0 - view.x(),
        view.x() + view.side() - x1,
        BORDER_CONSTANT,
        new Scalar(0, 0, 0, 0));
    Mat scaled = new Mat();
    resize(
        square, scaled, new Size(size, size), 0, 0, view.side() > size ? INTER_AREA : INTER_LINEAR);
    return scaled;
  }

  /** Decodes the view's anchors of at least {@code minScore} into photo-pixel candidates. */
  private static void decode(
      Network network,
      View view,
      float[] scores,
      float[] boxes,
      int w,
      int h,
      double minScore,
      List<Candidate> into) {
    int count = network.model().anchorCount();
    double[] anchors = network.anchors();
    double input = network.model().inputSize();
    double side = view.side();
    for (int a = 0; a < count; a++) {
      // MediaPipe clips the logit to +-100 before the sigmoid.
      double logit = Math.clamp(scores[a], -100.0, 100.0);
      double score = 1 / (1 + Math.exp(-logit));
      if (score < minScore) {
        continue;
      }
      int base = a * Candidate.LENGTH;
      double ax = anchors[2 * a];
      double ay = anchors[2 * a + 1];
      double[] g = new double[Candidate.LENGTH];
      g[0] = view.x() + (ax + boxes[base] / input) * side;
      g[1] = view.y() + (ay + boxes[base + 1] / input) * side;
      g[2] = boxes[base + 2] / input * side;
      g[3] = boxes[base + 3] / input * side;
      for (int k = 0; k < Candidate.KEYPOINTS; k++) {
        g[4 + 2 * k] = view.x() + (ax + boxes[base + 4 + 2 * k] / input) * side;
        g[5 + 2 * k] = view.y() + (ay + boxes[base + 5 + 2 * k] / input) * side;
      }
      if (g[2] <= 0 || g[3] <= 0) {
        continue;
      }
      Candidate c = new Candidate(score, g);
      if (!view.whole() && cutByTile(c, view, w, h)) {
        continue;
      }
      into.add(c);
    }
  }

  /** Whether the box touches an edge of the tile that is not also an edge of the photo. */
  private static boolean cutByTile(Candidate c, View view, int w, int h) {
    double margin = EDGE_MARGIN * view.side();
    double left = c.cx() - c.width() / 2;
    double right = c.cx() + c.width() / 2;
    double top = c.cy() - c.height() / 2;
    double bottom = c.cy() + c.height() / 2;
    return (view.x() > 0 && left < view.x() + margin)
        || (view.y() > 0 && top < view.y() + margin)
        || (view.x() + view.side() < w && right > view.x() + view.side() - margin)
        || (view.y() + view.side() < h && bottom > view.y() + view.side() - margin);
  }
}

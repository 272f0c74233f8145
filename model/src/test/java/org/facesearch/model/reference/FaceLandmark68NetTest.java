package org.facesearch.model.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.facesearch.data.align.ChipTemplate;
import org.facesearch.data.align.DlibMeanFace;
import org.facesearch.data.align.FaceAligner;
import org.facesearch.data.align.SimilarityTransform;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.detect.BlazeFaceDetector;
import org.facesearch.data.detect.BlazeFaceModel;
import org.facesearch.data.detect.DetectedFace;
import org.facesearch.data.detect.Detection;
import org.facesearch.data.detect.DetectorOptions;
import org.facesearch.data.detect.FaceLandmarks;
import org.facesearch.data.detect.ImagePoint;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.engine.DeviceChoice;
import org.facesearch.model.engine.EngineOptions;
import org.facesearch.model.engine.InferenceRuntime;
import org.facesearch.model.engine.TorchRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaceLandmark68NetTest {
  private static final ReferenceModel MODEL = ReferenceModel.DLIB_RESNET;
  private static final List<String> FILES =
      List.of(
          "Aaron_Eckhart/Aaron_Eckhart_0001.jpg",
          "George_W_Bush/George_W_Bush_0001.jpg",
          "Colin_Powell/Colin_Powell_0002.jpg",
          "Serena_Williams/Serena_Williams_0003.jpg",
          "Hugo_Chavez/Hugo_Chavez_0010.jpg");

  private static Path weights;
  private static TorchRuntime runtime;
  private static BlazeFaceDetector detector;
  private static Landmark68Locator locator;

  @BeforeAll
  static void load() {
    weights = TestAssets.store().require(MODEL.weights());
    runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    detector =
        new BlazeFaceDetector(
            BlazeFaceModel.SHORT_RANGE.locate(TestAssets.store()),
            new DetectorOptions(0.1, DetectorOptions.Selection.LARGEST));
    locator = MODEL.landmarkLocator(weights, runtime);
  }

  @AfterAll
  static void free() {
    locator.close();
    detector.close();
  }

  @Test
  void everyTensorOfTheLandmarkManifestFindsItsLayerExactlyOnce() {
    TfjsWeights tensors = TfjsWeights.read(weights.resolve(ReferenceModel.LANDMARKS_MANIFEST));
    // Four dense blocks: a plain first convolution (filters, bias) and 15 separable ones
    // (depthwise, pointwise, bias), plus the linear map's weights and bias.
    assertEquals(2 + 15 * 3 + 2, tensors.names().size());
    try (NDManager manager = runtime.newManager()) {
      FaceLandmark68Net network = new FaceLandmark68Net();
      network.initialize(manager);
      network.load(tensors); // fails on a missing, misshapen or left-over tensor
    }
  }

  /**
   * The network's eye centres (means of points 36..41 and 42..47) and nose tip (30) against
   * BlazeFace's on real LFW faces. The two annotate differently (the network's eye is the centre of
   * the eye's outline, about 2 pixels above BlazeFace's), so the tolerance is a few pixels in a
   * 250-pixel frame where the eyes are 44 pixels apart. On 60 evenly spaced LFW images the eyes
   * were 3.1 pixels apart on average and the nose 3.7; the worst of these five, 6.0 and 9.0.
   */
  @Test
  void itsEyesAndNoseLieWhereBlazeFaceFindsThem() {
    for (String file : FILES) {
      BufferedImage image = read(file);
      DetectedFace face = face(image);
      FaceLandmarks blaze = face.landmarks().orElseThrow();
      List<ImagePoint> points = locator.locate(image, face);
      assertEquals(68, points.size());
      ImagePoint rightEye = mean(points, 36, 42);
      ImagePoint leftEye = mean(points, 42, 48);
      ImagePoint nose = points.get(30);
      System.out.printf(
          "%s: eyes %.1f %.1f, nose %.1f pixels from BlazeFace's%n",
          file,
          rightEye.distance(blaze.rightEye()),
          leftEye.distance(blaze.leftEye()),
          nose.distance(blaze.noseTip()));
      assertTrue(rightEye.distance(blaze.rightEye()) < 7, file + " right eye " + rightEye);
      assertTrue(leftEye.distance(blaze.leftEye()) < 7, file + " left eye " + leftEye);
      assertTrue(nose.distance(blaze.noseTip()) < 11, file + " nose " + nose);
    }
  }

  /**
   * dlib's alignment from the network's points: after the warp onto dlib's mean face the network,
   * run again on the chip, finds the 33 aligned-on points within a few pixels of their targets (a
   * least-squares fit of 33 points leaves each face's own proportions; measured mean 1.6 to 2.6
   * pixels in the 150-pixel chip).
   */
  @Test
  void alignedFacesShowTheirPointsOnDlibsMeanFace() {
    ChipTemplate template = DlibMeanFace.landmarks68(150, 0.25);
    for (String file : FILES) {
      BufferedImage image = read(file);
      List<ImagePoint> points = locator.locate(image, face(image));
      SimilarityTransform toChip =
          SimilarityTransform.fit(template.sources(points), template.targets());
      BufferedImage chip = FaceAligner.warp(image, toChip, 150, 150);
      // Detected again on the chip: its box is much of the chip.
      List<ImagePoint> again = template.sources(locator.locate(chip, face(chip)));
      double sum = 0;
      for (int i = 0; i < again.size(); i++) {
        sum += again.get(i).distance(template.targets().get(i));
      }
      double mean = sum / again.size();
      System.out.printf("%s: aligned points %.2f pixels from dlib's mean face%n", file, mean);
      assertTrue(mean < 4, file + ": " + mean);
    }
  }

  /**
   * The network's ONNX export on ONNX Runtime (what a CPU runs by default) finds the points PyTorch
   * finds: the same weights through other kernels, so within rounding (measured: at most 0.0004
   * pixels).
   */
  @Test
  void itsOnnxExportOnOnnxRuntimeFindsThePointsPyTorchFinds() {
    try (Landmark68Locator torch =
            MODEL.landmarkLocator(weights, runtime, InferenceRuntime.PYTORCH);
        Landmark68Locator onnx =
            MODEL.landmarkLocator(weights, runtime, InferenceRuntime.ONNXRUNTIME)) {
      assertEquals(InferenceRuntime.PYTORCH, torch.runtime());
      assertEquals(InferenceRuntime.ONNXRUNTIME, onnx.runtime());
      double worst = 0;
      for (String file : FILES) {
        BufferedImage image = read(file);
        DetectedFace face = face(image);
        List<ImagePoint> expected = torch.locate(image, face);
        List<ImagePoint> actual = onnx.locate(image, face);
        for (int i = 0; i < expected.size(); i++) {
          worst = Math.max(worst, expected.get(i).distance(actual.get(i)));
        }
      }
      System.out.printf(
          "landmarks, ONNX Runtime against PyTorch: at most %.5f pixels apart%n", worst);
      assertTrue(worst < 0.01, "points up to " + worst + " pixels apart");
    }
  }

  private static DetectedFace face(BufferedImage image) {
    return assertInstanceOf(Detection.FacesFound.class, detector.detect(image)).largest();
  }

  private static ImagePoint mean(List<ImagePoint> points, int from, int to) {
    double x = 0;
    double y = 0;
    for (int i = from; i < to; i++) {
      x += points.get(i).x();
      y += points.get(i).y();
    }
    return new ImagePoint(x / (to - from), y / (to - from));
  }

  static BufferedImage read(String file) {
    try {
      return javax.imageio.ImageIO.read(
          LfwTestData.root().resolve("images").resolve(file).toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

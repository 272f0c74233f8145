package org.facesearch.data.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.align.ChipTemplate;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.align.FaceTemplate;
import org.facesearch.data.align.LandmarkAlignment;
import org.facesearch.data.align.LandmarkLocator;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.detect.BlazeFaceDetector;
import org.facesearch.data.detect.BlazeFaceModel;
import org.facesearch.data.detect.DetectorOptions;
import org.facesearch.data.detect.HaarDetector;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.testing.LfwSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crop cache with an alignment in front: the path a reference model's gallery takes. */
class AlignedCropCacheTest {
  private static final List<String> PEOPLE = List.of("Aaron_Eckhart", "Abel_Pacheco", "Zico");
  private static final CropBox FIXED = new CropBox(80, 65, 200, 185);
  private static final Preprocessing CHIP = new Preprocessing(CropBox.FULL, ColorMode.RGB, 150);

  @TempDir Path temp;

  private static LandmarkAlignment blazeFace(FaceTemplate template) {
    return new LandmarkAlignment(
        new BlazeFaceDetector(
            BlazeFaceModel.SHORT_RANGE.locate(TestAssets.store()),
            BlazeFaceModel.SHORT_RANGE,
            new DetectorOptions(0.1, DetectorOptions.Selection.ALL),
            BlazeFaceDetector.Scales.WHOLE_PHOTO),
        LandmarkLocator.detectorLandmarks(template),
        ChipTemplate.of(template),
        FIXED);
  }

  @Test
  void theCacheKeyChangesWithDetectorTemplateAndSize() {
    LfwDataset dataset = LfwDataset.open(LfwSample.copy(temp.resolve("lfw"), PEOPLE));
    try (LandmarkAlignment dlib = blazeFace(FaceTemplate.DLIB_150);
        LandmarkAlignment smaller = blazeFace(FaceTemplate.DLIB_150.resized(112));
        LandmarkAlignment lfw = blazeFace(FaceTemplate.LFW_DEEP_FUNNELED);
        LandmarkAlignment haar =
            new LandmarkAlignment(
                new HaarDetector(DetectorOptions.DEFAULT),
                LandmarkLocator.detectorLandmarks(FaceTemplate.DLIB_150),
                ChipTemplate.of(FaceTemplate.DLIB_150),
                FIXED)) {
      List<String> slots =
          Stream.of(
                  Optional.<String>empty(),
                  Optional.of(dlib.id()),
                  Optional.of(smaller.id()),
                  Optional.of(lfw.id()),
                  Optional.of(haar.id()))
              .map(id -> CacheKey.of(dataset, CHIP, id).slot())
              .toList();
      assertEquals(5, slots.stream().distinct().count(), slots.toString());
      assertTrue(slots.get(1).startsWith("aligned-150px-rgb-8-"), slots.get(1));
      assertEquals(
          CacheKey.of(dataset, CHIP, Optional.of(dlib.id())),
          CacheKey.of(dataset, CHIP, Optional.of(blazeFace(FaceTemplate.DLIB_150).id())),
          "the same alignment asked for again finds the same file");
    }
  }

  @Test
  void alignedCropsAreTheQueryPathsCropsAndADamagedFileIsRebuilt() throws IOException {
    LfwDataset dataset = LfwDataset.open(LfwSample.copy(temp.resolve("lfw"), PEOPLE));
    CropCache cache = new CropCache(temp.resolve("cache"), 2);
    ImageDecoder decoder = new ImageDecoder();
    try (FaceAlignment alignment = blazeFace(FaceTemplate.DLIB_150)) {
      Path file;
      try (CachedCrops crops = cache.load(dataset, CHIP, Optional.of(alignment))) {
        assertTrue(crops.built());
        assertEquals(
            OptionalInt.of(0), crops.fallbacks(), "BlazeFace finds every one of these faces");
        file = crops.file();
        for (int i = 0; i < crops.size(); i++) {
          FaceCrop direct =
              CHIP.apply(alignment.align(decoder.decode(crops.image(i).path())).image());
          assertArrayEquals(direct.pixels(), crops.crop(i).pixels(), crops.image(i).key());
        }
      }
      try (CachedCrops fixed = cache.load(dataset, CHIP)) {
        assertNotEquals(file, fixed.file(), "fixed crops never share the aligned file");
      }
      try (CachedCrops again = cache.load(dataset, CHIP, Optional.of(alignment))) {
        assertFalse(again.built());
        assertEquals(OptionalInt.empty(), again.fallbacks());
      }
      byte[] whole = Files.readAllBytes(file);
      Files.write(file, Arrays.copyOf(whole, whole.length - 100));
      try (CachedCrops rebuilt = cache.load(dataset, CHIP, Optional.of(alignment))) {
        assertTrue(rebuilt.built(), "a truncated file is refused and built again");
        FaceCrop direct =
            CHIP.apply(alignment.align(decoder.decode(rebuilt.image(7).path())).image());
        assertArrayEquals(direct.pixels(), rebuilt.crop(7).pixels());
      }
    }
  }
}

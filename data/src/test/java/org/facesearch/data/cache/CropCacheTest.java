package org.facesearch.data.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.facesearch.data.FaceImage;
import org.facesearch.data.ImageNotFoundException;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.image.InvalidImageException;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.testing.LfwSample;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CropCacheTest {
  private static final List<String> PEOPLE = List.of("Aaron_Eckhart", "Abel_Pacheco", "Zico");
  private static final Preprocessing SMALL = new Preprocessing(CropBox.SEED, ColorMode.RGB, 32);

  @TempDir Path temp;

  private final ImageDecoder decoder = new ImageDecoder();

  private LfwDataset sample() {
    return LfwDataset.open(LfwSample.copy(temp.resolve("lfw"), PEOPLE));
  }

  private CropCache cache() {
    return new CropCache(temp.resolve("cache"), 2);
  }

  @Test
  void buildsOnceThenMapsTheSameFile() throws IOException {
    LfwDataset dataset = sample();
    Path file;
    FileTime written;
    try (CachedCrops first = cache().load(dataset, SMALL)) {
      assertTrue(first.built());
      assertEquals(8, first.size());
      file = first.file();
      written = Files.getLastModifiedTime(file);
      assertEquals(dataset.images(), first.images());
    }
    try (CachedCrops second = cache().load(dataset, SMALL)) {
      assertFalse(second.built());
      assertEquals(file, second.file());
      assertEquals(written, Files.getLastModifiedTime(file));
      assertCropsMatchTheImages(second);
    }
    try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void indexesImagesAndLabelsPeople() {
    try (CachedCrops crops = cache().load(sample(), SMALL)) {
      assertEquals(PEOPLE, crops.identities());
      FaceImage zico2 =
          crops.images().stream()
              .filter(i -> i.key().equals("Zico_0002"))
              .findFirst()
              .orElseThrow();
      int index = crops.indexOf(zico2);
      assertEquals(zico2, crops.image(index));
      assertEquals(2, crops.label(index));
      assertArrayEquals(new int[] {0}, crops.indicesOfLabel(0));
      assertEquals(4, crops.indicesOfLabel(1).length);
      assertEquals(32 * 32 * 3, crops.cropBytes());
      FaceImage stranger = LfwDataset.open(LfwTestData.root()).image("Tony_Blair", 1);
      assertFalse(crops.contains(stranger));
      ImageNotFoundException e =
          assertThrows(ImageNotFoundException.class, () -> crops.indexOf(stranger));
      assertTrue(e.getMessage().contains("Tony_Blair_0001"), e.getMessage());
    }
  }

  @Test
  void otherParametersOrSubsetsGetTheirOwnFile() {
    LfwDataset dataset = sample();
    try (CachedCrops rgb = cache().load(dataset, SMALL);
        CachedCrops grey =
            cache().load(dataset, new Preprocessing(CropBox.SEED, ColorMode.GREY, 32));
        CachedCrops bigger =
            cache().load(dataset, new Preprocessing(CropBox.SEED, ColorMode.RGB, 40));
        CachedCrops subset = cache().load(dataset.subset(3), SMALL);
        CachedCrops rgbAgain = cache().load(dataset, SMALL)) {
      assertTrue(grey.built() && bigger.built() && subset.built());
      assertFalse(rgbAgain.built());
      assertEquals(
          4,
          List.of(rgb.file(), grey.file(), bigger.file(), subset.file()).stream()
              .distinct()
              .count());
      assertEquals(7, subset.size());
      assertEquals(List.of("Abel_Pacheco", "Zico"), subset.identities());
      assertEquals(32 * 32, grey.cropBytes());
      assertCropsMatchTheImages(grey);
      assertCropsMatchTheImages(subset);
    }
  }

  @Test
  void aChangedManifestRebuildsInPlace() throws IOException {
    LfwDataset dataset = sample();
    String before;
    try (CachedCrops crops = cache().load(dataset, SMALL)) {
      before = crops.fingerprint();
    }
    Path manifest = dataset.root().resolve("MANIFEST.sha256");
    Files.writeString(manifest, "0000  images/Zico/Zico_0001.jpg\n", StandardOpenOption.APPEND);
    try (CachedCrops crops = cache().load(dataset, SMALL)) {
      assertTrue(crops.built());
      assertNotEquals(before, crops.fingerprint());
      assertCropsMatchTheImages(crops);
    }
    try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void withoutAManifestATouchedImageRebuilds() throws IOException {
    LfwDataset dataset = LfwDataset.open(LfwSample.copy(temp.resolve("flat"), PEOPLE, false));
    try (CachedCrops crops = cache().load(dataset, SMALL)) {
      assertTrue(crops.built());
    }
    try (CachedCrops crops = cache().load(dataset, SMALL)) {
      assertFalse(crops.built());
    }
    Path zico = dataset.image("Zico", 1).path();
    Files.setLastModifiedTime(
        zico, FileTime.fromMillis(Files.getLastModifiedTime(zico).toMillis() - 60_000));
    try (CachedCrops crops = cache().load(dataset, SMALL)) {
      assertTrue(crops.built());
    }
  }

  @Test
  void aDamagedCacheFileIsRebuilt() throws IOException {
    LfwDataset dataset = sample();
    Path file;
    try (CachedCrops crops = cache().load(dataset, SMALL)) {
      file = crops.file();
    }
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length - 100));
    try (CachedCrops crops = cache().load(dataset, SMALL)) {
      assertTrue(crops.built());
      assertCropsMatchTheImages(crops);
    }
    Files.write(file, new byte[] {1, 2, 3});
    try (CachedCrops crops = cache().load(dataset, SMALL)) {
      assertTrue(crops.built());
    }
  }

  @Test
  void anUndecodableImageFailsTheBuildAndLeavesNothingBehind() throws IOException {
    LfwDataset dataset = sample();
    Path broken = dataset.image("Zico", 2).path();
    byte[] bytes = Files.readAllBytes(broken);
    Files.write(broken, Arrays.copyOf(bytes, bytes.length / 2));
    InvalidImageException e =
        assertThrows(InvalidImageException.class, () -> cache().load(dataset, SMALL));
    assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
    try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void realLfwSubsetAt64PixelsMatchesDirectPreprocessing() {
    LfwDataset fifty = LfwDataset.open(LfwTestData.root()).subset(50);
    try (CachedCrops crops = cache().load(fifty, Preprocessing.RESNET_64)) {
      assertEquals(1_560, crops.size());
      assertEquals(12, crops.identities().size());
      assertEquals(64 * 64 * 3, crops.cropBytes());
      for (int i = 0; i < crops.size(); i += 97) {
        assertCropMatches(crops, i);
      }
      assertCropMatches(crops, crops.size() - 1);
    }
  }

  private void assertCropsMatchTheImages(CachedCrops crops) {
    for (int i = 0; i < crops.size(); i++) {
      assertCropMatches(crops, i);
    }
  }

  private void assertCropMatches(CachedCrops crops, int i) {
    FaceCrop expected = crops.preprocessing().apply(decoder.decode(crops.image(i).path()));
    FaceCrop actual = crops.crop(i);
    String key = crops.image(i).key();
    assertEquals(
        List.of(expected.channels(), expected.height(), expected.width()),
        List.of(actual.channels(), actual.height(), actual.width()),
        key);
    assertArrayEquals(expected.pixels(), actual.pixels(), key);
    byte[] copied = new byte[crops.cropBytes() + 5];
    crops.copyPixels(i, copied, 5);
    assertArrayEquals(expected.pixels(), Arrays.copyOfRange(copied, 5, copied.length), key);
  }
}

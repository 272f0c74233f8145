package org.facesearch.data.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.facesearch.data.ImageNotFoundException;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.ColorMode;
import org.facesearch.data.image.CropBox;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.protocol.PairsFile;
import org.facesearch.data.testing.LfwSample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Samplers over a real cache of six people: 144, 4, 3, 3, 2 and 1 photos. */
class SamplerTest {
  static final List<String> PEOPLE =
      List.of(
          "Aaron_Eckhart", "Abel_Pacheco", "Akhmed_Zakayev", "Amber_Tamblyn", "Tony_Blair", "Zico");

  @TempDir static Path temp;
  static CachedCrops crops;

  @BeforeAll
  static void buildCache() {
    LfwDataset dataset = LfwDataset.open(LfwSample.copy(temp.resolve("lfw"), PEOPLE));
    crops =
        new CropCache(temp.resolve("cache"), 2)
            .load(dataset, new Preprocessing(CropBox.SEED, ColorMode.RGB, 32));
  }

  @AfterAll
  static void close() {
    crops.close();
  }

  private static String person(int index) {
    return crops.image(index).identity();
  }

  @Test
  void tripletsPairTwoPhotosOfOnePersonWithSomeoneElse() {
    List<Triplet> triplets = new TripletSampler(crops, 1).nextBatch(2_000);
    Map<String, Integer> anchors = new HashMap<>();
    for (Triplet t : triplets) {
      assertNotEquals(t.anchor(), t.positive());
      assertEquals(person(t.anchor()), person(t.positive()));
      assertNotEquals(person(t.anchor()), person(t.negative()));
      anchors.merge(person(t.anchor()), 1, Integer::sum);
    }
    // Aaron_Eckhart has one photo, so never anchors; the five others are drawn about equally.
    assertEquals(5, anchors.size());
    assertTrue(anchors.values().stream().allMatch(n -> n > 300 && n < 500), anchors.toString());
  }

  @Test
  void samplersAreReproducibleBySeed() {
    assertEquals(
        new TripletSampler(crops, 7).nextBatch(50), new TripletSampler(crops, 7).nextBatch(50));
    assertNotEquals(
        new TripletSampler(crops, 7).nextBatch(50), new TripletSampler(crops, 8).nextBatch(50));
    assertEquals(new PairSampler(crops, 7).nextBatch(50), new PairSampler(crops, 7).nextBatch(50));
    assertNotEquals(
        new PairSampler(crops, 7).nextBatch(50), new PairSampler(crops, 8).nextBatch(50));
    TripletSampler sampler = new TripletSampler(crops, 7);
    assertNotEquals(sampler.nextBatch(50), sampler.nextBatch(50));
  }

  @Test
  void pairsAreBalancedAndLabelledByIdentity() {
    PairSampler sampler = new PairSampler(crops, 3);
    for (int batch = 0; batch < 20; batch++) {
      List<IndexPair> pairs = sampler.nextBatch(64);
      assertEquals(32, pairs.stream().filter(IndexPair::same).count());
      for (IndexPair pair : pairs) {
        assertEquals(pair.same(), person(pair.a()).equals(person(pair.b())));
        assertEquals(pair.same() ? 1 : 0, pair.label());
        if (pair.same()) {
          assertNotEquals(pair.a(), pair.b());
        }
      }
    }
    long same = sampler.nextBatch(1_001).stream().filter(IndexPair::same).count();
    assertTrue(same == 500 || same == 501, "same pairs in an odd batch: " + same);
    // Not always in the same place: the batch is shuffled.
    assertNotEquals(
        sampler.nextBatch(64).stream().map(IndexPair::same).toList(),
        sampler.nextBatch(64).stream().map(IndexPair::same).toList());
  }

  @Test
  void samplersStayInsideTheirPool() {
    int[] pool =
        IntStream.range(0, crops.size()).filter(i -> !person(i).equals("Tony_Blair")).toArray();
    for (Triplet t : new TripletSampler(crops, pool, 5).nextBatch(500)) {
      assertTrue(
          List.of(t.anchor(), t.positive(), t.negative()).stream()
              .noneMatch(i -> person(i).equals("Tony_Blair")));
    }
    int[] loner = {crops.indexOf("Aaron_Eckhart_0001"), crops.indexOf("Zico_0001")};
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new PairSampler(crops, loner, 1));
    assertTrue(e.getMessage().contains("2+ images"), e.getMessage());
  }

  @Test
  void protocolPairsMapToCacheIndices() throws IOException {
    Path file =
        Files.writeString(
            temp.resolve("pairs.txt"),
            "2 1\nZico 1 3\nTony_Blair 2 Zico 2\nAbel_Pacheco 2 4\nAmber_Tamblyn 1 Tony_Blair 144\n");
    ProtocolPairs pairs = ProtocolPairs.of(PairsFile.read(file), crops);
    assertEquals(2, pairs.folds());
    assertEquals(4, pairs.all().size());
    assertEquals(
        new IndexPair(crops.indexOf("Zico_0001"), crops.indexOf("Zico_0003"), true),
        pairs.fold(0).get(0));
    IndexPair different = pairs.fold(1).get(1);
    assertEquals("Amber_Tamblyn_0001", crops.image(different.a()).key());
    assertEquals("Tony_Blair_0144", crops.image(different.b()).key());
    assertEquals(0, different.label());

    Path missing =
        Files.writeString(temp.resolve("missing.txt"), "1\nZico 1 3\nZico 1 George_W_Bush 7\n");
    ImageNotFoundException e =
        assertThrows(
            ImageNotFoundException.class, () -> ProtocolPairs.of(PairsFile.read(missing), crops));
    assertTrue(e.getMessage().contains("George_W_Bush_0007"), e.getMessage());
  }
}

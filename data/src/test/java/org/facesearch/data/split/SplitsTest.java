package org.facesearch.data.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.testing.LfwTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SplitsTest {
  private static LfwDataset lfw;

  @BeforeAll
  static void open() {
    lfw = LfwDataset.open(LfwTestData.root());
  }

  @Test
  void stratifiedSplitPutsAFifthOfEachPersonInTest() {
    LfwDataset subset = lfw.subset(20);
    Split split = Splits.stratified(subset, Splits.DEFAULT_TEST_FRACTION, 42);
    assertEquals(subset.images().size(), split.train().size() + split.test().size());
    assertEquals(Set.of(), intersection(split.train(), split.test()));
    assertEquals(new HashSet<>(subset.images()), union(split.train(), split.test()));
    assertEquals(Set.copyOf(subset.identities()), split.trainIdentities());
    assertEquals(Set.copyOf(subset.identities()), split.testIdentities());
    var testCounts =
        split.test().stream()
            .collect(Collectors.groupingBy(FaceImage::identity, Collectors.counting()));
    for (String identity : subset.identities()) {
      double expected = subset.imagesOf(identity).size() * 0.2;
      assertTrue(
          Math.abs(testCounts.get(identity) - expected) <= 0.5,
          identity + ": " + testCounts.get(identity));
    }
    double fraction = split.test().size() / (double) subset.images().size();
    assertTrue(fraction > 0.19 && fraction < 0.21, "test fraction " + fraction);
  }

  @Test
  void everyoneWithTwoPhotosIsInBothParts() {
    LfwDataset subset = lfw.subset(2);
    Split split = Splits.stratified(subset, 0.2, 1);
    assertEquals(1_680, split.trainIdentities().size());
    assertEquals(1_680, split.testIdentities().size());
    assertThrows(IllegalArgumentException.class, () -> Splits.stratified(lfw, 0.2, 1));
    assertThrows(IllegalArgumentException.class, () -> Splits.stratified(subset, 1.0, 1));
  }

  @Test
  void sameSeedSameSplitOtherSeedOtherSplit() {
    LfwDataset subset = lfw.subset(20);
    assertEquals(Splits.stratified(subset, 0.2, 7), Splits.stratified(subset, 0.2, 7));
    assertNotEquals(
        Splits.stratified(subset, 0.2, 7).test(), Splits.stratified(subset, 0.2, 8).test());
  }

  @Test
  void aPersonSplitsTheSameWayInEverySubset() {
    Split of20 = Splits.stratified(lfw.subset(20), 0.2, 3);
    Split of70 = Splits.stratified(lfw.subset(70), 0.2, 3);
    Set<String> people70 = of70.testIdentities();
    assertEquals(
        of70.test(),
        of20.test().stream().filter(image -> people70.contains(image.identity())).toList());
  }

  @Test
  void devPeopleSplitIsIdentityDisjointAndCoversEveryone() {
    Split split = Splits.devPeople(lfw);
    assertEquals(4_038, split.trainIdentities().size());
    assertEquals(1_711, split.testIdentities().size());
    Set<String> shared = new HashSet<>(split.trainIdentities());
    shared.retainAll(split.testIdentities());
    assertEquals(Set.of(), shared);
    assertEquals(13_233, split.train().size() + split.test().size());

    Split ofSubset = Splits.devPeople(lfw.subset(20));
    assertTrue(lfw.subset(20).identities().containsAll(ofSubset.trainIdentities()));
    assertEquals(62, ofSubset.trainIdentities().size() + ofSubset.testIdentities().size());
  }

  @Test
  void overlappingPeopleListsAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Splits.identityDisjoint(lfw, List.of("Zico", "Tony_Blair"), List.of("Tony_Blair")));
    assertTrue(e.getMessage().contains("Tony_Blair"), e.getMessage());
  }

  private static Set<FaceImage> intersection(List<FaceImage> a, List<FaceImage> b) {
    Set<FaceImage> out = new HashSet<>(a);
    out.retainAll(new HashSet<>(b));
    return out;
  }

  private static Set<FaceImage> union(List<FaceImage> a, List<FaceImage> b) {
    Set<FaceImage> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }
}

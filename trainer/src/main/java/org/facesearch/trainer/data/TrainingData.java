package org.facesearch.trainer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.PairsFile;
import org.facesearch.data.protocol.PeopleFile;
import org.facesearch.data.sample.IndexPair;
import org.facesearch.data.sample.PairSampler;
import org.facesearch.data.sample.ProtocolPairs;

/**
 * The crops a run trains and evaluates on. Training people come from {@value #TRAIN_PEOPLE} (so
 * {@code pairsDevTest.txt}'s people stay unseen); a seeded share of them is held out for
 * validation. Also holds the protocol pairs for the final metrics: {@code pairsDevTrain.txt} to
 * choose the threshold, {@code pairsDevTest.txt} to measure it (LFW's "View 1").
 */
public final class TrainingData implements AutoCloseable {
  /** The people file training identities are drawn from; bundles record it. */
  public static final String TRAIN_PEOPLE = "peopleDevTrain.txt";

  public static final String THRESHOLD_PAIRS = "pairsDevTrain.txt";
  public static final String TEST_PAIRS = "pairsDevTest.txt";

  /** Seed streams of data choices, apart from the step numbers. */
  private static final long VALIDATION_SPLIT_STREAM = -1;

  private static final long VALIDATION_PAIRS_STREAM = -2;

  private final CachedCrops crops;
  private final List<String> trainPeople;
  private final List<String> validationPeople;
  private final int[] train;
  private final int[] validation;
  private final List<IndexPair> validationPairs;
  private final List<IndexPair> trainingProtocolPairs;
  private final List<IndexPair> thresholdPairs;
  private final List<IndexPair> testPairs;
  private final String fingerprint;

  private TrainingData(
      CachedCrops crops,
      List<String> trainPeople,
      List<String> validationPeople,
      List<IndexPair> validationPairs,
      List<IndexPair> trainingProtocolPairs,
      List<IndexPair> thresholdPairs,
      List<IndexPair> testPairs,
      String fingerprint) {
    this.crops = crops;
    this.trainPeople = List.copyOf(trainPeople);
    this.validationPeople = List.copyOf(validationPeople);
    this.train = indicesOf(crops, trainPeople);
    this.validation = indicesOf(crops, validationPeople);
    this.validationPairs = List.copyOf(validationPairs);
    this.trainingProtocolPairs = List.copyOf(trainingProtocolPairs);
    this.thresholdPairs = List.copyOf(thresholdPairs);
    this.testPairs = List.copyOf(testPairs);
    this.fingerprint = fingerprint;
  }

  /**
   * Loads (building the crop cache if needed) the training people and the protocol pairs' images.
   *
   * @param people train on these {@value #TRAIN_PEOPLE} people only (for small runs); empty: all
   * @param validationFraction share of the people held out, at least 2 of them
   * @param validationPairCount same/different pairs of held-out people for validation accuracy
   * @param protocolPairLimit first n/2 matched and n/2 mismatched pairs of each protocol file; 0:
   *     all
   * @throws IllegalArgumentException naming what is wrong with the selection
   */
  public static TrainingData load(
      LfwDataset dataset,
      CropCache cache,
      Preprocessing preprocessing,
      Optional<List<String>> people,
      double validationFraction,
      int validationPairCount,
      int protocolPairLimit,
      long seed) {
    List<String> devTrain = PeopleFile.read(dataset.protocolFile(TRAIN_PEOPLE)).names();
    List<String> chosen = new ArrayList<>(people.orElse(devTrain));
    Set<String> known = new TreeSet<>(devTrain);
    for (String name : chosen) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            name + " is not in " + TRAIN_PEOPLE + "; training people must come from it so that "
                + TEST_PAIRS + " stays unseen");
      }
    }
    chosen.sort(null);
    shuffle(chosen, new SplittableRandom(StepSeeds.of(seed, VALIDATION_SPLIT_STREAM)));
    int held = (int) Math.max(2, Math.round(chosen.size() * validationFraction));
    if (chosen.size() - held < 2) {
      throw new IllegalArgumentException(
          chosen.size() + " training people leave too few after holding out " + held
              + " for validation; give more people or a smaller validation fraction");
    }
    List<String> validationPeople = new ArrayList<>(chosen.subList(0, held));
    List<String> trainPeople = new ArrayList<>(chosen.subList(held, chosen.size()));
    validationPeople.sort(null);
    trainPeople.sort(null);

    PairsFile thresholdFile = limit(PairsFile.read(dataset.protocolFile(THRESHOLD_PAIRS)), protocolPairLimit);
    PairsFile testFile = limit(PairsFile.read(dataset.protocolFile(TEST_PAIRS)), protocolPairLimit);
    Set<String> needed = new LinkedHashSet<>(chosen);
    for (PairsFile file : List.of(thresholdFile, testFile)) {
      for (FacePair pair : file.pairs()) {
        needed.add(pair.a().identity());
        needed.add(pair.b().identity());
      }
    }
    CachedCrops crops = cache.load(dataset.withIdentities(needed), preprocessing);
    try {
      Set<String> trainSet = Set.copyOf(trainPeople);
      List<FacePair> trainable =
          PairsFile.read(dataset.protocolFile(THRESHOLD_PAIRS)).pairs().stream()
              .filter(p -> trainSet.contains(p.a().identity()) && trainSet.contains(p.b().identity()))
              .toList();
      List<IndexPair> trainingProtocolPairs =
          ProtocolPairs.of(new PairsFile(thresholdFile.source(), 1, trainable), crops).all();
      int[] validation = indicesOf(crops, validationPeople);
      List<IndexPair> validationPairs;
      try {
        validationPairs =
            new PairSampler(crops, validation, StepSeeds.of(seed, VALIDATION_PAIRS_STREAM))
                .nextBatch(validationPairCount);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "the " + held + " validation people cannot form same/different pairs: " + e.getMessage(), e);
      }
      return new TrainingData(
          crops,
          trainPeople,
          validationPeople,
          validationPairs,
          trainingProtocolPairs,
          ProtocolPairs.of(thresholdFile, crops).all(),
          ProtocolPairs.of(testFile, crops).all(),
          fingerprint(dataset, crops));
    } catch (RuntimeException e) {
      crops.close();
      throw e;
    }
  }

  public CachedCrops crops() {
    return crops;
  }

  public List<String> trainPeople() {
    return trainPeople;
  }

  public List<String> validationPeople() {
    return validationPeople;
  }

  /** Crop indices of the training people's images. */
  public int[] train() {
    return train.clone();
  }

  /** Crop indices of the held-out people's images. */
  public int[] validation() {
    return validation.clone();
  }

  /** Fixed same/different pairs of held-out people. */
  public List<IndexPair> validationPairs() {
    return validationPairs;
  }

  /** {@value #THRESHOLD_PAIRS}'s pairs of training people only: pairs to train on. */
  public List<IndexPair> trainingProtocolPairs() {
    return trainingProtocolPairs;
  }

  /** {@value #THRESHOLD_PAIRS} (possibly limited): where the verification threshold is chosen. */
  public List<IndexPair> thresholdPairs() {
    return thresholdPairs;
  }

  /** {@value #TEST_PAIRS} (possibly limited): where view-1 accuracy is measured. */
  public List<IndexPair> testPairs() {
    return testPairs;
  }

  /**
   * Identifies the data: the SHA-256 of LFW's {@code MANIFEST.sha256} when present (the same on
   * every machine with the same LFW), else the crop cache's content fingerprint.
   */
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public void close() {
    crops.close();
  }

  private static String fingerprint(LfwDataset dataset, CachedCrops crops) {
    Path manifest = dataset.root().resolve("MANIFEST.sha256");
    if (!Files.isRegularFile(manifest)) {
      return "crops:" + crops.fingerprint();
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(manifest));
      return "manifest-sha256:" + HexFormat.of().formatHex(digest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static PairsFile limit(PairsFile file, int limit) {
    if (limit == 0 || limit >= file.pairs().size()) {
      return file;
    }
    List<FacePair> matched = file.pairs().stream().filter(FacePair::same).limit(limit / 2).toList();
    List<FacePair> mismatched = file.pairs().stream().filter(p -> !p.same()).limit(limit / 2).toList();
    List<FacePair> kept = new ArrayList<>(matched);
    kept.addAll(mismatched);
    return new PairsFile(file.source(), 1, kept.stream().map(p -> new FacePair(p.a(), p.b(), p.same(), 0)).toList());
  }

  private static int[] indicesOf(CachedCrops crops, Collection<String> people) {
    Set<String> wanted = Set.copyOf(people);
    List<FaceImage> images = crops.images().stream().filter(i -> wanted.contains(i.identity())).toList();
    return crops.indicesOf(images);
  }

  private static <T> void shuffle(List<T> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      list.set(j, list.set(i, list.get(j)));
    }
  }
}

package org.facesearch.trainer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.data.protocol.DevelopmentPeople;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.PairsFile;
import org.facesearch.data.protocol.PeopleFile;
import org.facesearch.data.sample.IndexPair;
import org.facesearch.data.sample.PairSampler;
import org.facesearch.data.sample.ProtocolPairs;
import org.facesearch.data.split.SeedSubset;
import org.facesearch.data.split.Split;
import org.facesearch.trainer.TrainingPeople;

/**
 * The crops a run trains and evaluates on. Training people come from {@value #TRAIN_PEOPLE} (so
 * {@code pairsDevTest.txt}'s people stay unseen) and a seeded share of them is held out for
 * validation; or, for the seed protocol ({@link TrainingPeople#SEED}), training photos are the seed
 * subset's train photos (so its test photos stay unseen) and a seeded share of each person's is
 * held out. Also holds the protocol pairs for the final metrics: {@code pairsDevTrain.txt} to
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
      List<FaceImage> trainImages,
      List<FaceImage> validationImages,
      List<IndexPair> validationPairs,
      List<IndexPair> trainingProtocolPairs,
      List<IndexPair> thresholdPairs,
      List<IndexPair> testPairs,
      String fingerprint) {
    this.crops = crops;
    this.trainPeople = List.copyOf(trainPeople);
    this.validationPeople = List.copyOf(validationPeople);
    this.train = crops.indicesOf(trainImages);
    this.validation = crops.indicesOf(validationImages);
    this.validationPairs = List.copyOf(validationPairs);
    this.trainingProtocolPairs = List.copyOf(trainingProtocolPairs);
    this.thresholdPairs = List.copyOf(thresholdPairs);
    this.testPairs = List.copyOf(testPairs);
    this.fingerprint = fingerprint;
  }

  /**
   * Loads (building the crop cache if needed) the training photos and the protocol pairs' images.
   *
   * @param source which photos to train on: {@link TrainingPeople#DEV_TRAIN} holds out a share of
   *     the people for validation, {@link TrainingPeople#SEED} (the seed subset's train photos,
   *     never its test photos) a share of each person's photos
   * @param people train on these {@value #TRAIN_PEOPLE} people only (for small runs); empty: all.
   *     Only for {@link TrainingPeople#DEV_TRAIN}
   * @param validationFraction share of the people (or, for the seed subset, of each person's
   *     photos) held out
   * @param validationPairCount same/different pairs of held-out photos for validation accuracy
   * @param protocolPairLimit first n/2 matched and n/2 mismatched pairs of each protocol file; 0:
   *     all
   * @throws IllegalArgumentException naming what is wrong with the selection
   */
  public static TrainingData load(
      LfwDataset dataset,
      CropCache cache,
      Preprocessing preprocessing,
      TrainingPeople source,
      Optional<List<String>> people,
      double validationFraction,
      int validationPairCount,
      int protocolPairLimit,
      long seed) {
    return load(
        dataset,
        cache,
        preprocessing,
        Optional.empty(),
        source,
        people,
        validationFraction,
        validationPairCount,
        protocolPairLimit,
        seed);
  }

  /**
   * {@link #load(LfwDataset, CropCache, Preprocessing, TrainingPeople, Optional, double, int, int,
   * long)} with every face first aligned by {@code alignment} (when given), as the model will align
   * the faces it embeds; the aligned crops are cached under the alignment's id.
   */
  public static TrainingData load(
      LfwDataset dataset,
      CropCache cache,
      Preprocessing preprocessing,
      Optional<FaceAlignment> alignment,
      TrainingPeople source,
      Optional<List<String>> people,
      double validationFraction,
      int validationPairCount,
      int protocolPairLimit,
      long seed) {
    SplittableRandom splitRandom =
        new SplittableRandom(StepSeeds.of(seed, VALIDATION_SPLIT_STREAM));
    List<String> trainPeople;
    List<String> validationPeople;
    List<FaceImage> trainImages;
    List<FaceImage> validationImages;
    if (source == TrainingPeople.SEED) {
      if (people.isPresent()) {
        throw new IllegalArgumentException(
            "a list of training people is for peopleDevTrain runs; the seed subset trains on all of its people");
      }
      Split seedSplit = SeedSubset.DEFAULT.split(dataset);
      trainImages = new ArrayList<>();
      validationImages = new ArrayList<>();
      holdOutPhotos(
          seedSplit.train(), validationFraction, splitRandom, trainImages, validationImages);
      trainPeople = List.copyOf(seedSplit.trainIdentities());
      validationPeople = trainPeople;
    } else {
      PeopleSplit split = peopleOf(dataset, source, people, validationFraction, splitRandom);
      trainPeople = split.train();
      validationPeople = split.validation();
      trainImages = dataset.withIdentities(trainPeople).images();
      validationImages = dataset.withIdentities(validationPeople).images();
    }

    PairsFile thresholdFile =
        limit(PairsFile.read(dataset.protocolFile(THRESHOLD_PAIRS)), protocolPairLimit);
    PairsFile testFile = limit(PairsFile.read(dataset.protocolFile(TEST_PAIRS)), protocolPairLimit);
    Set<String> needed = new LinkedHashSet<>(trainPeople);
    needed.addAll(validationPeople);
    for (PairsFile file : List.of(thresholdFile, testFile)) {
      for (FacePair pair : file.pairs()) {
        needed.add(pair.a().identity());
        needed.add(pair.b().identity());
      }
    }
    CachedCrops crops = cache.load(dataset.withIdentities(needed), preprocessing, alignment);
    try {
      // Pairs to train on may use training photos only: for the seed subset that keeps its test
      // photos out even where pairsDevTrain names them.
      Set<String> trainKeys = new HashSet<>();
      trainImages.forEach(image -> trainKeys.add(image.key()));
      List<FacePair> trainable =
          PairsFile.read(dataset.protocolFile(THRESHOLD_PAIRS)).pairs().stream()
              .filter(p -> trainKeys.contains(p.a().key()) && trainKeys.contains(p.b().key()))
              .toList();
      List<IndexPair> trainingProtocolPairs =
          ProtocolPairs.of(new PairsFile(thresholdFile.source(), 1, trainable), crops).all();
      int[] validation = crops.indicesOf(validationImages);
      List<IndexPair> validationPairs;
      try {
        validationPairs =
            new PairSampler(crops, validation, StepSeeds.of(seed, VALIDATION_PAIRS_STREAM))
                .nextBatch(validationPairCount);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "the "
                + validationPeople.size()
                + " validation people cannot form same/different pairs: "
                + e.getMessage(),
            e);
      }
      return new TrainingData(
          crops,
          trainPeople,
          validationPeople,
          trainImages,
          validationImages,
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

  /**
   * The people a run over all of {@code devTrain} (the names in {@value #TRAIN_PEOPLE}) with {@code
   * validationFraction} and {@code seed} trains on, sorted: what a run continuing another run's
   * weights compares its own validation people with.
   */
  public static List<String> trainPeopleOf(
      List<String> devTrain, double validationFraction, long seed) {
    return splitPeople(
            devTrain,
            validationFraction,
            new SplittableRandom(StepSeeds.of(seed, VALIDATION_SPLIT_STREAM)))
        .train();
  }

  /** The people a run trains on and those it holds out for validation, each in name order. */
  public record PeopleSplit(List<String> train, List<String> validation) {
    public PeopleSplit {
      train = List.copyOf(train);
      validation = List.copyOf(validation);
    }
  }

  /**
   * The people a {@link TrainingPeople#DEV_TRAIN} or {@link TrainingPeople#DEV_TRAIN_AND_UNTESTED}
   * run with {@code validationFraction} and {@code seed} trains on and holds out (the seed subset
   * holds out photos, not people). The second holds out the very people the first does and trains
   * on {@link DevelopmentPeople#untested} besides, so that runs of either compare on one validation
   * set and a run can continue the other's weights without validating on people they learnt.
   *
   * @param people train on these people of {@value #TRAIN_PEOPLE} only; empty: all. Only for {@link
   *     TrainingPeople#DEV_TRAIN}
   * @throws IllegalArgumentException naming what is wrong with the selection
   */
  public static PeopleSplit peopleOf(
      LfwDataset dataset,
      TrainingPeople source,
      Optional<List<String>> people,
      double validationFraction,
      long seed) {
    return peopleOf(
        dataset,
        source,
        people,
        validationFraction,
        new SplittableRandom(StepSeeds.of(seed, VALIDATION_SPLIT_STREAM)));
  }

  private static PeopleSplit peopleOf(
      LfwDataset dataset,
      TrainingPeople source,
      Optional<List<String>> people,
      double validationFraction,
      SplittableRandom splitRandom) {
    if (!source.holdsOutDevTrainPeople()) {
      throw new IllegalArgumentException(
          "the seed subset holds out photos, not people; its split is the seed subset's");
    }
    if (source == TrainingPeople.DEV_TRAIN_AND_UNTESTED && people.isPresent()) {
      throw new IllegalArgumentException(
          "a list of training people is for peopleDevTrain runs; "
              + source.id()
              + " trains on all of its people");
    }
    List<String> devTrain = PeopleFile.read(dataset.protocolFile(TRAIN_PEOPLE)).names();
    List<String> chosen = new ArrayList<>(people.orElse(devTrain));
    Set<String> known = new TreeSet<>(devTrain);
    for (String name : chosen) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            name
                + " is not in "
                + TRAIN_PEOPLE
                + "; training people must come from it so that "
                + TEST_PAIRS
                + " stays unseen");
      }
    }
    PeopleSplit split = splitPeople(chosen, validationFraction, splitRandom);
    if (source != TrainingPeople.DEV_TRAIN_AND_UNTESTED) {
      return split;
    }
    List<String> train = new ArrayList<>(split.train());
    train.addAll(DevelopmentPeople.untested(dataset));
    train.sort(null);
    return new PeopleSplit(train, split.validation());
  }

  /** {@code people} in name order, shuffled, split into training and validation people. */
  private static PeopleSplit splitPeople(
      List<String> people, double validationFraction, SplittableRandom random) {
    List<String> chosen = new ArrayList<>(people);
    chosen.sort(null);
    shuffle(chosen, random);
    int held = (int) Math.max(2, Math.round(chosen.size() * validationFraction));
    if (chosen.size() - held < 2) {
      throw new IllegalArgumentException(
          chosen.size()
              + " training people leave too few after holding out "
              + held
              + " for validation; give more people or a smaller validation fraction");
    }
    List<String> validation = new ArrayList<>(chosen.subList(0, held));
    List<String> train = new ArrayList<>(chosen.subList(held, chosen.size()));
    validation.sort(null);
    train.sort(null);
    return new PeopleSplit(train, validation);
  }

  /**
   * Per person, a seeded {@code fraction} of {@code photos} (at least one) to {@code held}, the
   * rest (at least one) to {@code kept}; both end in dataset order.
   */
  private static void holdOutPhotos(
      List<FaceImage> photos,
      double fraction,
      SplittableRandom random,
      List<FaceImage> kept,
      List<FaceImage> held) {
    Map<String, List<FaceImage>> byPerson = new TreeMap<>();
    photos.forEach(p -> byPerson.computeIfAbsent(p.identity(), k -> new ArrayList<>()).add(p));
    for (List<FaceImage> own : byPerson.values()) {
      if (own.size() < 2) {
        throw new IllegalArgumentException(
            own.getFirst().identity()
                + " has a single training photo, so none can be held out for validation");
      }
      shuffle(own, random);
      int n = own.size();
      int out = (int) Math.max(1, Math.min(n - 1, Math.round(n * fraction)));
      held.addAll(own.subList(0, out));
      kept.addAll(own.subList(out, n));
    }
    Comparator<FaceImage> datasetOrder =
        Comparator.comparing(FaceImage::identity).thenComparingInt(FaceImage::number);
    kept.sort(datasetOrder);
    held.sort(datasetOrder);
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
    List<FacePair> mismatched =
        file.pairs().stream().filter(p -> !p.same()).limit(limit / 2).toList();
    List<FacePair> kept = new ArrayList<>(matched);
    kept.addAll(mismatched);
    return new PairsFile(
        file.source(), 1, kept.stream().map(p -> new FacePair(p.a(), p.b(), p.same(), 0)).toList());
  }

  private static <T> void shuffle(List<T> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      list.set(j, list.set(i, list.get(j)));
    }
  }
}

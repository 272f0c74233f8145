package org.facesearch.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.protocol.FacePair;
import org.facesearch.data.protocol.ImageRef;
import org.facesearch.data.protocol.PairsFile;
import org.facesearch.data.split.Split;
import org.facesearch.model.Embedder;
import org.facesearch.model.PixelEmbedder;

/**
 * Runs {@code facesearch evaluate} on one model: LFW View 1 and View 2 on the protocol files, then
 * clustering, identification and the 2-D maps on the min-faces subset.
 */
public final class Evaluation {
  private final LfwDataset lfw;
  private final CropCache cache;
  private final EvaluationSettings settings;

  /**
   * {@code lfw} must be the whole of LFW (the protocol files name people of every size); its crops
   * come from {@code cache}.
   */
  public Evaluation(LfwDataset lfw, CropCache cache, EvaluationSettings settings) {
    this.lfw = lfw;
    this.cache = cache;
    this.settings = settings;
  }

  public EvaluationResult run(EvaluatedModel model) {
    try (CropSource crops = new CropSource(cache, lfw, model.embedder())) {
      return run(model, crops);
    }
  }

  private EvaluationResult run(EvaluatedModel model, CropSource crops) {
    long start = System.nanoTime();
    Embedder embedder = model.embedder();
    List<FacePair> devTrain = pairs("pairsDevTrain.txt");
    List<FacePair> devTest = pairs("pairsDevTest.txt");
    List<FacePair> tenFold = pairs("pairs.txt");
    Protocols protocols = protocols(embedder, crops, devTrain, devTest, tenFold);

    SubsetEvaluation subset =
        subset(embedder, crops, protocols.view2Pairs(), protocols.view1Mistakes());

    return new EvaluationResult(
        embedder.modelId(),
        model.description(),
        embedder.inference(),
        embedder.dimension(),
        protocols.view1(),
        protocols.view2(),
        model.trainingIdentities().map(seen -> TrainingOverlap.of(devTest, seen)),
        model.trainingIdentities().map(seen -> TrainingOverlap.of(tenFold, seen)),
        subset.result(),
        subset.figures(),
        settings,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Only the seed subset's part of {@link #run}: k-means against raw pixels, identification and the
   * 2-D maps, without LFW's protocols (whose 7,700 photos cost far more to embed). The figures
   * carry no pairs.
   */
  public SubsetEvaluation subsetOnly(EvaluatedModel model) {
    try (CropSource crops =
        new CropSource(cache, lfw.subset(settings.minFaces()), model.embedder().preprocessing())) {
      return subset(model.embedder(), crops, List.of(), List.of());
    }
  }

  /** The seed subset's results and the figures drawn from them. */
  public record SubsetEvaluation(SubsetResult result, Figures figures) {}

  private SubsetEvaluation subset(
      Embedder embedder,
      CropSource crops,
      List<ScoredFacePair> view2Pairs,
      List<PairMistake> view1Mistakes) {
    LfwDataset subset = lfw.subset(settings.minFaces());
    if (subset.identities().size() < 2) {
      throw new IllegalArgumentException(
          "clustering needs at least two people with "
              + settings.minFaces()
              + " or more photos; "
              + lfw
              + " has "
              + subset.identities().size());
    }
    Split split = settings.seedSubset().split(lfw);
    EmbeddedFaces subsetFaces =
        EmbeddedFaces.embed(
            embedder, crops, subset.images(), "Embedding min-" + settings.minFaces() + " faces");
    SubsetResult subsetResult = subsetResult(embedder, crops, subset, split, subsetFaces);

    double[][] reduced =
        PrincipalComponents.scores(
            subsetFaces.matrix(), Math.min(TsneLayout.INPUT_DIMENSIONS, subsetFaces.size() - 1));
    double[][] pca =
        Arrays.stream(reduced).map(row -> new double[] {row[0], row[1]}).toArray(double[][]::new);
    double[][] tsne = TsneLayout.layout(reduced, settings.tsneIterations(), settings.seed());
    List<Integer> shown = ThumbnailMap.sample(subsetFaces);
    List<FaceCrop> thumbnails = crops.crops(shown.stream().map(subsetFaces::image).toList());

    return new SubsetEvaluation(
        subsetResult,
        new Figures(view2Pairs, view1Mistakes, subsetFaces, pca, tsne, shown, thumbnails));
  }

  private record Protocols(
      View1 view1, View2 view2, List<ScoredFacePair> view2Pairs, List<PairMistake> view1Mistakes) {}

  /** Views 1 and 2. Only the scores outlive this method, not the 9,000 photos' embeddings. */
  private Protocols protocols(
      Embedder embedder,
      CropSource crops,
      List<FacePair> devTrain,
      List<FacePair> devTest,
      List<FacePair> tenFold) {
    EmbeddedFaces pairFaces =
        EmbeddedFaces.embed(
            embedder, crops, photosOf(devTrain, devTest, tenFold), "Embedding pair photos");
    List<ScoredFacePair> devTestScored = pairFaces.score(devTest);
    View1 view1 = View1.evaluate(pairFaces.score(devTrain), devTestScored);
    List<PairMistake> mistakes =
        PairMistake.of(devTestScored, view1.threshold(), ref -> ref.resolve(lfw), crops::crops);
    List<ScoredFacePair> view2Pairs = pairFaces.score(tenFold);
    return new Protocols(
        view1, View2.evaluate(view2Pairs, settings.falseAcceptRates()), view2Pairs, mistakes);
  }

  /** k-means of the model and of raw pixels on the test photos; identification against train. */
  private SubsetResult subsetResult(
      Embedder embedder,
      CropSource crops,
      LfwDataset subset,
      Split split,
      EmbeddedFaces subsetFaces) {
    EmbeddedFaces test = subsetFaces.select(split.test());
    IdentityClustering clustered =
        IdentityClustering.of(test, settings.kMeansRestarts(), settings.seed());
    PixelEmbedder pixels = new PixelEmbedder(embedder.preprocessing());
    IdentityClustering pixelClusters =
        pixels.modelId().equals(embedder.modelId())
            ? clustered
            : IdentityClustering.of(
                EmbeddedFaces.embed(pixels, crops, split.test(), "Embedding raw pixels"),
                settings.kMeansRestarts(),
                settings.seed());
    KnnIdentification knn = KnnIdentification.of(subsetFaces.select(split.train()), test);
    return new SubsetResult(
        settings.minFaces(),
        subset.identities().size(),
        split.train().size(),
        split.test().size(),
        clustered,
        pixelClusters,
        pixels.modelId(),
        knn);
  }

  private List<FacePair> pairs(String file) {
    return PairsFile.read(lfw.protocolFile(file)).pairs();
  }

  /**
   * Every photo the pair lists name, once each, in dataset order.
   *
   * @throws org.facesearch.data.ImageNotFoundException naming a photo missing from the LFW copy
   */
  @SafeVarargs
  private List<FaceImage> photosOf(List<FacePair>... protocols) {
    TreeMap<String, FaceImage> byKey = new TreeMap<>();
    for (List<FacePair> protocol : protocols) {
      for (FacePair pair : protocol) {
        for (ImageRef ref : List.of(pair.a(), pair.b())) {
          byKey.computeIfAbsent(ref.key(), key -> ref.resolve(lfw));
        }
      }
    }
    return new ArrayList<>(byKey.values());
  }
}

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.facesearch.indexer.lucene.GalleryDocuments;
import org.facesearch.model.verify.Similarity;

/**
 * Which rule should rank the people of a look-alike answer? The product ranks each person by their
 * best image (`NearestPeople`), which favours people with many photos (more chances of one close
 * impostor image). This probe replays identification over one index build's stored vectors, leave
 * one out: every image of a person with 2+ images is a query against all the other images, searched
 * exactly (no HNSW), and each rule's first person is checked. Rules: the best image; the mean of
 * the best two; best + half the second; the mean of all the person's images; the best minus a
 * penalty growing with the person's photo count; a soft maximum (log-sum-exp) at two temperatures.
 *
 *
 * <p>With a second build of the same images (another model, or the same weights without flip
 * averaging), the queries' vectors come from that one and the gallery's from the first: what a
 * gallery embedded one way answers to queries embedded another (a gallery flip-averaged once at
 * index time, queries embedded in one pass).
 *
 * <pre>
 * java -cp "$(ls cli/target/lib/*.jar | tr '\n' ':')cli/target/facesearch-cli.jar" \
 *     bench/PersonRankingProbe.java INDEX/builds/BUILD [QUERY_INDEX/builds/BUILD]
 * </pre>
 */
public class PersonRankingProbe {
  private static final String[] RULES = {
    "best image (the product's)",
    "mean of the best two",
    "best + 0.5 x second",
    "mean of all",
    "best - 0.02 ln(photos)",
    "log-sum-exp, t = 0.05",
    "log-sum-exp, t = 0.03"
  };

  public static void main(String[] args) throws Exception {
    List<float[]> vectors = new ArrayList<>();
    List<String> identities = new ArrayList<>();
    List<String> images = new ArrayList<>();
    read(Path.of(args[0]), vectors, identities, images);
    List<float[]> queryVectors = vectors;
    if (args.length > 1) {
      List<float[]> other = new ArrayList<>();
      List<String> otherImages = new ArrayList<>();
      read(Path.of(args[1]), other, new ArrayList<>(), otherImages);
      Map<String, float[]> byImage = new HashMap<>();
      for (int i = 0; i < other.size(); i++) {
        byImage.put(otherImages.get(i), other.get(i));
      }
      queryVectors = new ArrayList<>();
      for (String image : images) {
        float[] v = byImage.get(image);
        if (v == null) {
          throw new IllegalArgumentException("the query build has no vector of " + image);
        }
        queryVectors.add(v);
      }
    }
    int n = vectors.size();
    Map<String, Integer> ids = new HashMap<>();
    int[] person = new int[n];
    for (int i = 0; i < n; i++) {
      person[i] = ids.computeIfAbsent(identities.get(i), k -> ids.size());
    }
    int people = ids.size();
    int[] photos = new int[people];
    for (int p : person) {
      photos[p]++;
    }
    int[] right = new int[RULES.length];
    int queries = 0;
    double[] best = new double[people];
    double[] second = new double[people];
    double[] sum = new double[people];
    double[] soft5 = new double[people];
    double[] soft3 = new double[people];
    double[][] score = new double[RULES.length][people];
    for (int q = 0; q < n; q++) {
      if (photos[person[q]] < 2) {
        continue;
      }
      queries++;
      Arrays.fill(best, Double.NEGATIVE_INFINITY);
      Arrays.fill(second, Double.NEGATIVE_INFINITY);
      Arrays.fill(sum, 0);
      Arrays.fill(soft5, 0);
      Arrays.fill(soft3, 0);
      for (int j = 0; j < n; j++) {
        if (j == q) {
          continue;
        }
        double s = Similarity.cosine(queryVectors.get(q), vectors.get(j));
        int p = person[j];
        if (s > best[p]) {
          second[p] = best[p];
          best[p] = s;
        } else if (s > second[p]) {
          second[p] = s;
        }
        sum[p] += s;
        soft5[p] += Math.exp(s / 0.05);
        soft3[p] += Math.exp(s / 0.03);
      }
      for (int p = 0; p < people; p++) {
        int others = photos[p] - (p == person[q] ? 1 : 0);
        if (others == 0) {
          for (double[] rule : score) {
            rule[p] = Double.NEGATIVE_INFINITY;
          }
          continue;
        }
        double runnerUp = others >= 2 ? second[p] : best[p];
        score[0][p] = best[p];
        score[1][p] = (best[p] + runnerUp) / 2;
        score[2][p] = best[p] + 0.5 * runnerUp;
        score[3][p] = sum[p] / others;
        score[4][p] = best[p] - 0.02 * Math.log(others);
        score[5][p] = Math.log(soft5[p]);
        score[6][p] = Math.log(soft3[p]);
      }
      for (int r = 0; r < RULES.length; r++) {
        int first = 0;
        for (int p = 1; p < people; p++) {
          if (score[r][p] > score[r][first]) {
            first = p;
          }
        }
        if (first == person[q]) {
          right[r]++;
        }
      }
    }
    System.out.printf(
        (args.length > 1 ? "queries from " + args[1] + ", gallery from " + args[0] : args[0])
            + "%n%d images of %d people; %d queries (every image of a person with 2+ images), exact search%n",
        n, people, queries);
    for (int r = 0; r < RULES.length; r++) {
      System.out.printf("  %-28s right person first %6.2f%%%n", RULES[r], 100.0 * right[r] / queries);
    }
  }

  private static void read(Path build, List<float[]> vectors, List<String> identities, List<String> images)
      throws java.io.IOException {
    try (Directory dir = FSDirectory.open(build);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      for (LeafReaderContext context : reader.leaves()) {
        LeafReader leaf = context.reader();
        FloatVectorValues values = leaf.getFloatVectorValues(GalleryDocuments.EMBEDDING);
        StoredFields stored = leaf.storedFields();
        KnnVectorValues.DocIndexIterator docs = values.iterator();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
          vectors.add(values.vectorValue(docs.index()).clone());
          identities.add(stored.document(doc).get(GalleryDocuments.IDENTITY));
          images.add(stored.document(doc).get(GalleryDocuments.IMAGE));
        }
      }
    }
  }
}

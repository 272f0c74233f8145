import java.nio.file.*;
import java.util.*;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.AssetStore;
import org.facesearch.data.image.*;
import org.facesearch.data.protocol.*;
import org.facesearch.model.Embedder;
import org.facesearch.model.engine.*;
import org.facesearch.model.reference.*;
import org.facesearch.model.verify.*;
import org.facesearch.searcher.ModelSource;

/**
 * Would a gallery embedded by the teacher answer the student's queries better than one the student
 * embedded itself? The distilled student (models/default) learnt to put each face where its teacher
 * (dlib-resnet) puts the face's mirror-centred vector: the mean of the face's and its mirror's unit
 * vectors, less the mean of those over training faces, made unit. So the teacher's vectors in that
 * form live in the student's space, with none of the student's own error. This scores the 1,000
 * pairsDevTest pairs three ways: student against student (the product today), student against
 * teacher-in-student-form (a query by the student on a teacher-embedded gallery; each pair both
 * ways round, averaged, so neither side is favoured), teacher-form against teacher-form. Prints ROC
 * AUC and the best-threshold accuracy over those pairs (optimistic, alike for every row). The
 * centre is the mean over the first N peopleDevTrain photos (the training faces; never test ones).
 *
 * <pre>
 * java -Dai.djl.offline=true -Dfacesearch.defaultModel=models/default \
 *     -cp "$(ls cli/target/lib/*.jar | tr '\n' ':')cli/target/facesearch-cli.jar" \
 *     bench/AsymmetricProbe.java models/default 1000 $FACESEARCH_DATA ~/.facesearch/models/assets
 * </pre>
 */
public class AsymmetricProbe {
  public static void main(String[] args) throws Exception {
    String studentModel = args[0];
    int centreFaces = Integer.parseInt(args[1]);
    LfwDataset lfw = LfwDataset.open(Path.of(args[2]));
    List<FacePair> pairs = PairsFile.read(lfw.protocolFile("pairsDevTest.txt")).pairs();
    TorchRuntime runtime = TorchRuntime.start(new EngineOptions(Optional.empty(), DeviceChoice.CPU));
    AssetStore store = new AssetStore(Path.of(args[3]));
    ImageDecoder decoder = new ImageDecoder();
    List<ImageRef> test = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (FacePair p : pairs) {
      for (ImageRef ref : List.of(p.a(), p.b())) {
        if (seen.add(ref.key())) test.add(ref);
      }
    }
    List<ImageRef> train = new ArrayList<>();
    for (var image :
        lfw.withIdentities(PeopleFile.read(lfw.protocolFile("peopleDevTrain.txt")).names()).images()) {
      if (train.size() == centreFaces) break;
      train.add(new ImageRef(image.identity(), image.number()));
    }
    Map<String, float[]> teacherTest;
    float[] centre;
    try (Embedder teacher = ReferenceModel.DLIB_RESNET.embedder(store, runtime, false)) {
      long t0 = System.nanoTime();
      Map<String, float[]> teacherTrain = mirrorAveraged(teacher, train, lfw, decoder);
      centre = new float[teacher.dimension()];
      for (float[] v : teacherTrain.values()) for (int j = 0; j < v.length; j++) centre[j] += v[j] / teacherTrain.size();
      teacherTest = mirrorAveraged(teacher, test, lfw, decoder);
      for (float[] v : teacherTest.values()) {
        for (int j = 0; j < v.length; j++) v[j] -= centre[j];
        unit(v);
      }
      System.out.printf("teacher: %d training faces for the centre, %d test faces, %.0f s%n", teacherTrain.size(), teacherTest.size(), (System.nanoTime() - t0) / 1e9);
    }
    Map<String, float[]> studentTest = new HashMap<>();
    try (Embedder student = ModelSource.load(studentModel).embedder()) {
      long t0 = System.nanoTime();
      for (int from = 0; from < test.size(); from += 64) {
        List<ImageRef> batch = test.subList(from, Math.min(test.size(), from + 64));
        float[][] v = student.embed(batch.stream().map(r -> student.prepare(decoder.decode(r.resolve(lfw).path()))).toList());
        for (int i = 0; i < batch.size(); i++) studentTest.put(batch.get(i).key(), v[i]);
      }
      System.out.printf("student %s (%s): %d test faces, %.0f s%n", student.modelId(), student.inference(), studentTest.size(), (System.nanoTime() - t0) / 1e9);
    }
    report("student against student (today)", pairs, p -> dot(studentTest.get(p.a().key()), studentTest.get(p.b().key())));
    report("student query, teacher gallery", pairs, p -> (dot(studentTest.get(p.a().key()), teacherTest.get(p.b().key())) + dot(teacherTest.get(p.a().key()), studentTest.get(p.b().key()))) / 2);
    report("teacher form against teacher form", pairs, p -> dot(teacherTest.get(p.a().key()), teacherTest.get(p.b().key())));
    double agree = 0;
    for (ImageRef r : test) agree += dot(studentTest.get(r.key()), teacherTest.get(r.key()));
    System.out.printf("mean cosine of a test face's student vector to its teacher-form vector: %.4f%n", agree / test.size());
  }

  interface Score { double of(FacePair p); }

  static void report(String name, List<FacePair> pairs, Score score) {
    ScoredPairs scored = new ScoredPairs(pairs.stream().map(p -> new ScoredPair(score.of(p), p.same())).toList());
    System.out.printf("%-36s AUC %.5f, best-threshold accuracy %.3f%n", name, scored.auc(), scored.bestThreshold().accuracy());
  }

  /** Each face's unit vector and its mirror's, averaged (not yet centred). */
  static Map<String, float[]> mirrorAveraged(Embedder e, List<ImageRef> refs, LfwDataset lfw, ImageDecoder decoder) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (int from = 0; from < refs.size(); from += 32) {
      List<ImageRef> batch = refs.subList(from, Math.min(refs.size(), from + 32));
      List<FaceCrop> crops = batch.stream().map(r -> e.prepare(decoder.decode(r.resolve(lfw).path()))).toList();
      float[][] a = e.embed(crops);
      float[][] b = e.embed(crops.stream().map(FaceCrop::mirrored).toList());
      for (int i = 0; i < batch.size(); i++) {
        float[] v = unit(a[i].clone());
        float[] m = unit(b[i].clone());
        for (int j = 0; j < v.length; j++) v[j] = (v[j] + m[j]) / 2;
        out.put(batch.get(i).key(), v);
      }
    }
    return out;
  }

  static float[] unit(float[] v) {
    double s = 0;
    for (float x : v) s += x * x;
    float n = (float) Math.sqrt(s);
    for (int j = 0; j < v.length; j++) v[j] /= n;
    return v;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}

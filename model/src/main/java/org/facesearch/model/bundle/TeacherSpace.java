package org.facesearch.model.bundle;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.align.FaceAlignment;
import org.facesearch.data.face.FramedFace;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.Preprocessing;
import org.facesearch.model.Embedder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a distilled student's teacher puts faces in the student's own space ({@value #FILE} beside
 * the student's weights): the student learnt to put each face at its teacher's mirror-centred
 * vector (the mean of the face's and its mirror's unit vectors, less the mean {@code centre} of
 * those over the training faces, made unit), so the teacher's vectors in that form can stand in for
 * the student's wherever the teacher's cost is paid once: a gallery embedded by the teacher answers
 * queries the student embeds.
 *
 * <p>Why: the student is fast but 0.85 cosine from its teacher on unseen faces; a gallery carrying
 * the teacher's vectors keeps only the query's share of that error. On View 1's 1,000 pairs, the
 * student against the student scored AUC 0.9933 (best-threshold accuracy 0.959), the student
 * against the teacher in this form 0.9972 (0.973) ({@code bench/AsymmetricProbe.java}).
 *
 * @param teacher the teacher's {@link Embedder#modelId}, as the student's {@code model.json}
 *     records it ({@code teacher})
 * @param centre the mean mirror-averaged unit teacher vector of {@code faces} training faces
 * @param data which faces the centre is the mean of
 */
public record TeacherSpace(
    String teacher, float[] centre, int faces, String data, Instant created) {
  public static final String FILE = "teacher-space.json";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public TeacherSpace {
    Objects.requireNonNull(teacher, "teacher");
    centre = centre.clone();
    if (centre.length == 0) {
      throw new IllegalArgumentException("a teacher space's centre has at least one dimension");
    }
    for (float c : centre) {
      if (!Float.isFinite(c)) {
        throw new IllegalArgumentException("a teacher space's centre is finite, got " + c);
      }
    }
    if (faces < 1) {
      throw new IllegalArgumentException("a centre is the mean of at least one face, got " + faces);
    }
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(created, "created");
  }

  @Override
  public float[] centre() {
    return centre.clone();
  }

  /**
   * The centre of {@code faces}' teacher vectors, each row a face's unit vector and its mirror's
   * averaged ({@link #mirrorAveraged}).
   */
  public static float[] centreOf(List<float[]> mirrorAveraged) {
    if (mirrorAveraged.isEmpty()) {
      throw new IllegalArgumentException("a centre is the mean of at least one face");
    }
    double[] sum = new double[mirrorAveraged.getFirst().length];
    for (float[] v : mirrorAveraged) {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += v[j];
      }
    }
    float[] centre = new float[sum.length];
    for (int j = 0; j < sum.length; j++) {
      centre[j] = (float) (sum[j] / mirrorAveraged.size());
    }
    return centre;
  }

  /** Each row: the unit vector of {@code faces[k]} and of its mirror, averaged. */
  public static float[][] mirrorAveraged(Embedder teacher, List<FaceCrop> faces) {
    float[][] a = teacher.embed(faces);
    float[][] b = teacher.embed(faces.stream().map(FaceCrop::mirrored).toList());
    float[][] out = new float[a.length][];
    for (int k = 0; k < a.length; k++) {
      float[] u = unit(a[k].clone());
      float[] m = unit(b[k].clone());
      for (int j = 0; j < u.length; j++) {
        u[j] = (u[j] + m[j]) / 2;
      }
      out[k] = u;
    }
    return out;
  }

  /**
   * The teacher as an embedder into the student's space: the student's {@code modelId} and
   * dimension (its vectors and the student's are compared), the teacher's crops and alignment.
   * Closing it closes {@code teacher}.
   *
   * @throws IllegalArgumentException if {@code teacher} is not this space's teacher, or its vectors
   *     are not the student's size
   */
  public Embedder embedder(Embedder teacher, String studentModelId, int studentDimension) {
    if (!teacher.modelId().equals(this.teacher)) {
      throw new IllegalArgumentException(
          "this teacher space is " + this.teacher + "'s, not " + teacher.modelId() + "'s");
    }
    if (teacher.dimension() != centre.length || studentDimension != centre.length) {
      throw new IllegalArgumentException(
          "the teacher's "
              + teacher.dimension()
              + " dimensions, the student's "
              + studentDimension
              + " and the centre's "
              + centre.length
              + " differ; a projected teacher has no space of its own here");
    }
    return new InStudentSpace(teacher, studentModelId);
  }

  /** The teacher, each face made as the student learnt it: mirror-averaged, centred, unit. */
  private final class InStudentSpace implements Embedder {
    private final Embedder teacher;
    private final String studentModelId;

    InStudentSpace(Embedder teacher, String studentModelId) {
      this.teacher = teacher;
      this.studentModelId = studentModelId;
    }

    @Override
    public String modelId() {
      return studentModelId;
    }

    @Override
    public int dimension() {
      return centre.length;
    }

    @Override
    public String inference() {
      return "teacher " + teacher.modelId() + " (" + teacher.inference() + "), in this space";
    }

    @Override
    public Preprocessing preprocessing() {
      return teacher.preprocessing();
    }

    @Override
    public Optional<FaceAlignment> alignment() {
      return teacher.alignment();
    }

    @Override
    public FaceCrop prepare(BufferedImage framed) {
      return teacher.prepare(framed);
    }

    @Override
    public FaceCrop prepare(FramedFace face) {
      return teacher.prepare(face);
    }

    @Override
    public float[][] embed(List<FaceCrop> crops) {
      float[][] rows = mirrorAveraged(teacher, crops);
      for (float[] row : rows) {
        double norm = 0;
        for (int j = 0; j < row.length; j++) {
          row[j] -= centre[j];
          norm += (double) row[j] * row[j];
        }
        if (norm < 1e-12) {
          throw new IllegalArgumentException(
              "a face's teacher vector is the training faces' mean: it has no direction");
        }
        unit(row);
      }
      return rows;
    }

    @Override
    public void close() {
      teacher.close();
    }
  }

  private static float[] unit(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    float n = (float) Math.sqrt(s);
    if (n > 0) {
      for (int j = 0; j < v.length; j++) {
        v[j] /= n;
      }
    }
    return v;
  }

  /**
   * Writes {@value #FILE} into {@code bundle}, replacing any there, atomically: a temporary file
   * beside it, renamed over it.
   */
  public void writeInto(Path bundle) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", 1);
    root.put("teacher", teacher);
    root.put("form", "mirror-centred");
    root.put("faces", faces);
    root.put("data", data);
    root.put("created", created.toString());
    ArrayNode list = root.putArray("centre");
    for (float c : centre) {
      list.add(c);
    }
    BundleFiles.write(bundle, FILE, JSON.writeValueAsString(root) + "\n");
  }

  /**
   * Reads {@code file}.
   *
   * @throws InvalidModelBundleException naming the file and what is wrong with it
   */
  public static TeacherSpace read(Path file) {
    try {
      JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (root.path("format").asInt(0) != 1) {
        throw new IllegalArgumentException("unknown format " + root.path("format"));
      }
      if (!"mirror-centred".equals(root.path("form").asString(""))) {
        throw new IllegalArgumentException("unknown form " + root.path("form"));
      }
      JsonNode values = root.path("centre");
      float[] centre = new float[values.size()];
      for (int j = 0; j < centre.length; j++) {
        if (!values.get(j).isNumber()) {
          throw new IllegalArgumentException("centre value " + j + " is not a number");
        }
        centre[j] = (float) values.get(j).asDouble();
      }
      return new TeacherSpace(
          root.path("teacher").asString(null),
          centre,
          root.path("faces").asInt(0),
          root.path("data").asString(""),
          Instant.parse(root.path("created").asString("")));
    } catch (IOException e) {
      throw new InvalidModelBundleException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (JacksonException
        | IllegalArgumentException
        | NullPointerException
        | java.time.DateTimeException e) {
      throw new InvalidModelBundleException(
          file
              + " is not a valid teacher space ("
              + e.getMessage()
              + "); make it again with facesearch models teacher-space",
          e);
    }
  }
}

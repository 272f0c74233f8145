package org.facesearch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.Workspace;
import org.facesearch.data.cache.CachedCrops;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.model.Embedder;
import org.facesearch.model.bundle.InvalidModelBundleException;
import org.facesearch.model.bundle.ModelBundle;
import org.facesearch.model.bundle.TeacherSpace;
import org.facesearch.searcher.ModelSource;
import org.facesearch.searcher.NoTeacherSpaceException;
import org.facesearch.trainer.TrainingPeople;
import org.facesearch.trainer.data.TrainingData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code facesearch models teacher-space}: where a distilled bundle's teacher lives in its space.
 */
@Command(
    name = "teacher-space",
    mixinStandardHelpOptions = true,
    description = {
      "For a distilled model: embed its training faces (and their mirror images) with its teacher"
          + " and write teacher-space.json into the bundle: the centre the model's targets were"
          + " moved by. Then `facesearch index --gallery teacher` embeds the gallery with the"
          + " teacher in the model's space, and the model's queries search it."
    })
public final class ModelsTeacherSpaceCommand implements Runnable {
  private static final int BATCH = 64;
  private static final long SAMPLE_SEED = 7;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "The distilled bundle (a folder with model.json and weights.params).")
  Path model;

  @Option(
      names = "--force",
      description = "Make it again even when the bundle has a teacher space already.")
  boolean force;

  @Option(
      names = "--faces",
      paramLabel = "N",
      description =
          "Training faces to take the centre over, a seeded sample (default: all of them, as"
              + " training did).")
  Integer faces;

  @Mixin LfwDataOption data;

  @Override
  public void run() {
    if (faces != null && faces < 1) {
      throw new IllegalArgumentException("--faces must be at least 1, got " + faces);
    }
    ModelBundle bundle = ModelBundle.open(model);
    Map<String, Object> recorded = bundle.metadata().training().hyperparameters();
    if (!(recorded.get("teacher") instanceof String teacherId)) {
      throw new NoTeacherSpaceException(
          model + " learnt from no teacher, so it has no teacher space");
    }
    if (!force) {
      Optional<TeacherSpace> existing;
      try {
        existing = bundle.teacherSpace();
      } catch (InvalidModelBundleException e) {
        System.err.println("replacing it: " + e.getMessage());
        existing = Optional.empty();
      }
      if (existing.isPresent()) {
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "up to date (%s was made on %s; --force makes it again)%n",
                bundle.directory().resolve(TeacherSpace.FILE),
                existing.get().created());
        spec.commandLine().getOut().flush();
        return;
      }
    }
    TrainingPeople source = trainingPeople(recorded);
    Map<String, String> env = System.getenv();
    Workspace workspace = Workspace.fromEnvironment(env);
    LfwDataset lfw = data.open(env, workspace);
    List<String> people =
        TrainingData.peopleOf(
                lfw,
                source,
                Optional.empty(),
                number(recorded, "validationFraction"),
                (long) number(recorded, "seed"))
            .train();
    long start = System.nanoTime();
    List<float[]> rows = new ArrayList<>();
    List<FaceImage> photos = new ArrayList<>(lfw.withIdentities(people).images());
    if (faces != null && faces < photos.size()) {
      Collections.shuffle(photos, new Random(SAMPLE_SEED));
      photos = photos.subList(0, faces);
    }
    // Only the sampled photos' people are cropped: a small sample costs seconds, not a crop of
    // every training face.
    Set<String> cropped = new TreeSet<>();
    photos.forEach(photo -> cropped.add(photo.identity()));
    try (Embedder teacher = ModelSource.builtInTeacher(teacherId, model.toString());
        CachedCrops crops =
            teacher.cachedCrops(CropCache.in(workspace), lfw.withIdentities(cropped));
        ProgressBar progress =
            new ProgressBarBuilder()
                .setTaskName("teacher " + teacherId)
                .setInitialMax(photos.size())
                .setUnit(" img", 1)
                .showSpeed()
                .build()) {
      for (int from = 0; from < photos.size(); from += BATCH) {
        List<FaceCrop> batch =
            photos.subList(from, Math.min(photos.size(), from + BATCH)).stream()
                .map(photo -> crops.crop(crops.indexOf(photo.key())))
                .toList();
        rows.addAll(List.of(TeacherSpace.mirrorAveraged(teacher, batch)));
        progress.stepBy(batch.size());
      }
    }
    TeacherSpace space =
        new TeacherSpace(
            teacherId,
            TeacherSpace.centreOf(rows),
            rows.size(),
            String.format(
                Locale.ROOT,
                "%s: %s of the %d training people's photos (seed %d) and their mirror images",
                source.data(),
                faces == null || rows.size() == lfw.withIdentities(people).images().size()
                    ? "all " + rows.size()
                    : rows.size() + " (sampled with seed " + SAMPLE_SEED + ")",
                people.size(),
                (long) number(recorded, "seed")),
            Instant.now());
    try {
      space.writeInto(bundle.directory());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + bundle.directory().resolve(TeacherSpace.FILE) + ": " + e, e);
    }
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "wrote %s: the centre of %,d training faces, %.0f s%n",
            bundle.directory().resolve(TeacherSpace.FILE),
            rows.size(),
            (System.nanoTime() - start) / 1e9);
    spec.commandLine().getOut().flush();
  }

  /** The people the bundle trained on, as its record names them; a seed-subset run has none. */
  private TrainingPeople trainingPeople(Map<String, Object> recorded) {
    Object source = recorded.get("trainingPeopleSource");
    for (TrainingPeople p : TrainingPeople.values()) {
      if (p.recorded().equals(source) && p.holdsOutDevTrainPeople()) {
        return p;
      }
    }
    throw new NoTeacherSpaceException(
        model
            + " trained on "
            + source
            + "; a teacher space is made from peopleDevTrain runs' training faces only");
  }

  private double number(Map<String, Object> recorded, String key) {
    if (!(recorded.get(key) instanceof Number n)) {
      throw new InvalidModelBundleException(
          model + "'s model.json records no " + key + ", so its training faces are not known");
    }
    return n.doubleValue();
  }
}

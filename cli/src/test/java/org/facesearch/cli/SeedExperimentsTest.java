package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.facesearch.data.FaceImage;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.split.SeedSubset;
import org.facesearch.data.split.Split;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.evaluation.EvaluationSettings;
import org.facesearch.model.arch.Architecture;
import org.facesearch.model.bundle.ModelSpec;
import org.facesearch.model.bundle.Objective;
import org.facesearch.trainer.TrainConfig;
import org.facesearch.trainer.TrainingPeople;
import org.facesearch.trainer.data.TrainingData;
import org.facesearch.trainer.objective.Objectives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The seed protocol's training photos, and {@code facesearch experiments seeds}' runner and report.
 */
class SeedExperimentsTest {
  @TempDir Path temp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = FacesearchCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void seedTrainingUsesTheEvaluationsTrainPhotosAndNeverItsTestPhotos() {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    Split evaluated = EvaluationSettings.DEFAULT.seedSubset().split(lfw);
    try (TrainingData data =
        TrainingData.load(
            lfw,
            new CropCache(temp.resolve("cache")),
            ModelSpec.standard(Objective.TRIPLET, Architecture.RESNET18).input().preprocessing(),
            TrainingPeople.SEED,
            Optional.empty(),
            0.1,
            20,
            2,
            1)) {
      Set<FaceImage> trained = new HashSet<>();
      for (int i : data.train()) {
        trained.add(data.crops().image(i));
      }
      Set<FaceImage> validated = new HashSet<>();
      for (int i : data.validation()) {
        validated.add(data.crops().image(i));
      }
      assertTrue(
          validated.stream().noneMatch(trained::contains),
          "validation photos are held out of training");
      Set<FaceImage> seen = new HashSet<>(trained);
      seen.addAll(validated);
      assertEquals(new HashSet<>(evaluated.train()), seen, "exactly the evaluation's train photos");
      assertTrue(
          evaluated.test().stream().noneMatch(seen::contains), "no test photo is trained on");
      assertEquals(12, data.trainPeople().size());
      assertEquals(1560, evaluated.train().size() + evaluated.test().size());
    }
  }

  @Test
  void aSeedRunRecordsTheSplitEvaluationReadsBack() {
    TrainConfig config =
        TrainConfig.builder(Objectives.TRIPLET).people(TrainingPeople.SEED).build();
    Object recorded = config.hyperparameters().get(TrainConfig.PEOPLE_SOURCE);
    assertEquals(
        Optional.of(EvaluationSettings.DEFAULT.seedSubset()), SeedSubset.parse((String) recorded));
    assertEquals(SeedSubset.DEFAULT, EvaluationSettings.DEFAULT.seedSubset());
  }

  @Test
  void aFinishedRunIsReadBackNotTrainedAgainAndItsFiguresMakeItsRow() throws Exception {
    SeedExperiment finished = SeedExperiments.all().getFirst();
    SeedExperiment untrained = SeedExperiments.all().get(1);
    Path work = temp.resolve("work");
    Path runDir = Files.createDirectories(work.resolve(finished.name()));
    ExperimentResult result =
        new ExperimentResult(
            "facesearch train --objective triplet",
            20,
            4.0,
            312.5,
            false,
            0.1875,
            0.2031,
            0.605,
            0.552,
            200,
            0.4321,
            0.1234,
            0.6789);
    result.write(runDir);
    SeedExperimentRunner runner =
        new SeedExperimentRunner(
            work,
            ExperimentSchedule.QUICK,
            List.of(),
            false,
            LfwDataset.open(LfwTestData.root()),
            new CropCache(temp.resolve("cache")),
            new PrintStream(PrintStream.nullOutputStream()));

    List<SeedExperimentRunner.Outcome> outcomes = runner.run(List.of(finished, untrained));

    assertEquals(Optional.of(result), outcomes.getFirst().result());
    assertEquals(
        Set.of(ExperimentResult.FILE),
        Set.copyOf(Files.list(runDir).map(p -> p.getFileName().toString()).toList()),
        "nothing trained or evaluated again");
    assertFalse(Files.exists(work.resolve(untrained.name())), "--no-train trains nothing");
    Path markdown = temp.resolve("docs").resolve("seed-experiments.md");
    String report =
        SeedReport.write(
            markdown, ExperimentSchedule.QUICK, "facesearch experiments seeds", outcomes);
    assertTrue(
        report.contains(
            "| "
                + finished.name()
                + " | 20, 4.00 epochs (10,000 iterations) | 5m 13s | 0.1875 | 0.2031"
                + " | 0.432 | 0.123 | 67.9% | 60.5% | 55.2% (200) |"),
        report);
    assertTrue(
        report.contains("**Not run yet:** `" + untrained.name() + "` (not trained yet)"), report);
    assertTrue(report.contains("Quick schedule, not the seeds' own"), report);
    assertTrue(
        Files.readString(markdown.resolveSibling("seed-experiments").resolve(SeedReport.CSV))
            .contains(
                finished.name()
                    + ",\""
                    + finished.section()
                    + "\",20,4.0000,\"10,000 iterations\",false,312.5,"));
  }

  @Test
  void theHandWrittenConclusionSurvivesRewritingTheReport() throws Exception {
    Path markdown = temp.resolve("seed-experiments.md");
    SeedReport.write(markdown, ExperimentSchedule.FULL, "facesearch experiments seeds", List.of());
    String first = Files.readString(markdown);
    Files.writeString(
        markdown,
        first.replace(
            "*Which setting is best, and why: to be written by a person from the numbers below.*",
            "Margin 0.5 at temperature 1.0 clusters best."));
    String second =
        SeedReport.write(
            markdown, ExperimentSchedule.FULL, "facesearch experiments seeds", List.of());
    assertTrue(
        second.contains(
            SeedReport.HAND_BEGIN
                + "\nMargin 0.5 at temperature 1.0 clusters best.\n"
                + SeedReport.HAND_END),
        second);
  }

  @Test
  void theMediumReportSaysItIsNotTheSeedsScheduleAndNamesItsTimeLimit() throws Exception {
    String report =
        SeedReport.write(
            temp.resolve("medium.md"),
            ExperimentSchedule.MEDIUM,
            "facesearch experiments seeds --schedule medium",
            List.of());
    assertTrue(report.contains("**Medium schedule, not the seeds' own.**"), report);
    assertTrue(
        report.contains("at most " + ExperimentSchedule.MEDIUM_MINUTES + " minutes"), report);
  }

  @Test
  void anUnknownScheduleIsNamed() {
    assertEquals(
        1,
        run(
            "experiments",
            "seeds",
            "--schedule",
            "forever",
            "--data",
            LfwTestData.root().toString()));
    assertEquals(
        "facesearch: unknown --schedule 'forever'; known: quick, medium, full",
        err.toString().strip());
  }

  @Test
  void anUnknownPeopleSourceIsNamed() {
    assertEquals(
        1,
        run(
            "train",
            "--objective",
            "triplet",
            "--people",
            "everyone",
            "--data",
            LfwTestData.root().toString()));
    assertEquals(
        "facesearch: unknown --people 'everyone'; known: dev-train, dev-train-and-untested, seed",
        err.toString().strip());
  }

  @Test
  void everyExperimentParsesAsATrainCommandForBothSchedules() {
    for (SeedExperiment e : SeedExperiments.all()) {
      for (ExperimentSchedule s : ExperimentSchedule.values()) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(e.trainArguments(s).toArray(String[]::new));
        TrainConfig config = command.options.config(command.margin, command.temperature, null);
        assertEquals(
            e.trainArguments(s).contains("seed") ? TrainingPeople.SEED : TrainingPeople.DEV_TRAIN,
            config.people(),
            e.name());
        if (s == ExperimentSchedule.FULL) {
          assertTrue(
              config.iterations() == 10_000 || config.epochs() == 300,
              e.name() + " runs the seed's schedule");
        }
        if (s == ExperimentSchedule.MEDIUM) {
          assertEquals(
              (double) ExperimentSchedule.MEDIUM_MINUTES,
              command.options.maxMinutes,
              e.name() + " stops at the medium schedule's time limit");
        }
      }
    }
  }
}

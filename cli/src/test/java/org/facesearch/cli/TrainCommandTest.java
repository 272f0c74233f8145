package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.Device;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.model.engine.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code facesearch train}'s argument checking; training itself is tested in the trainer module.
 */
class TrainCommandTest {
  @TempDir Path temp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = FacesearchCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private String data() {
    return LfwTestData.root().toString();
  }

  @Test
  void anUnknownObjectiveIsNamed() {
    assertEquals(1, run("train", "--objective", "siamese", "--data", data()));
    assertEquals(
        "facesearch: unknown objective 'siamese'; known: triplet, ntxent, contrastive, bce, cosface, arcface, distill",
        err.toString().strip());
  }

  @Test
  void resumeNeedsTheRunFolder() {
    assertEquals(2, run("train", "--objective", "triplet", "--resume", "--data", data()));
    assertTrue(
        err.toString().contains("--resume needs the --run-dir of the run to continue"),
        err.toString());
  }

  @Test
  void anExistingBundleFolderIsNeverOverwritten() throws Exception {
    Path out = Files.createDirectories(temp.resolve("model"));
    assertEquals(
        1,
        run(
            "train",
            "--objective",
            "triplet",
            "--data",
            data(),
            "--run-dir",
            temp.resolve("run").toString(),
            "--out",
            out.toString()));
    assertEquals(
        "facesearch: model bundle folder " + out + " already exists; change --out or remove it",
        err.toString().strip());
  }

  @Test
  void resumingARunFolderWithoutACheckpointNamesTheFlag() throws Exception {
    Path runDir = Files.createDirectories(temp.resolve("run"));
    assertEquals(
        1,
        run(
            "train",
            "--objective",
            "triplet",
            "--data",
            data(),
            "--run-dir",
            runDir.toString(),
            "--resume"));
    assertEquals(
        "facesearch: --resume: run folder " + runDir + " has no checkpoint to resume from",
        err.toString().strip());
  }

  @Test
  void aGpuRunOnTheCpuOnlyBuildNamesTheFlagsThatFixIt() {
    // The bundled libtorch is a CPU build, so --device gpu cannot work on any machine.
    assertEquals(
        1,
        run(
            "train",
            "--objective",
            "triplet",
            "--data",
            data(),
            "--run-dir",
            temp.resolve("run").toString(),
            "--device",
            "gpu"));
    String line = err.toString().strip();
    assertTrue(line.startsWith("facesearch: --device gpu: libtorch at "), line);
    assertTrue(
        line.endsWith(
            " is a CPU-only build (give a CUDA build with --libtorch or FACESEARCH_LIBTORCH)"),
        line);
  }

  @Test
  void bf16OnACpuThatWouldEmulateItIsRefusedWithTheFlagAndNoRunFolder() {
    assumeFalse(
        Precision.AUTO.resolve(Device.cpu()) == Precision.BF16,
        "this CPU has native bf16, so a bf16 run may start here");
    Path runDir = temp.resolve("run");
    String before = System.getProperty(Precision.PROPERTY);
    try {
      assertEquals(
          1,
          run(
              "--precision",
              "bf16",
              "train",
              "--objective",
              "triplet",
              "--data",
              data(),
              "--run-dir",
              runDir.toString()));
    } finally {
      // --precision sets a process-wide property: the other tests in this JVM must not see it.
      if (before == null) {
        System.clearProperty(Precision.PROPERTY);
      } else {
        System.setProperty(Precision.PROPERTY, before);
      }
    }
    assertEquals(
        "facesearch: --precision bf16: this CPU has no native bf16 (its flags list neither"
            + " avx512_bf16 nor amx_bf16), so PyTorch would emulate it at several times fp32's"
            + " cost; ask for fp32, or auto, which picks fp32 on this CPU",
        err.toString().strip());
    assertFalse(Files.exists(runDir));
  }

  @Test
  void badSettingsAreRefusedBeforeTraining() {
    assertEquals(
        1, run("train", "--objective", "triplet", "--data", data(), "--lr-schedule", "step"));
    assertEquals(
        "facesearch: unknown --lr-schedule 'step'; known: constant, cosine",
        err.toString().strip());
    err.getBuffer().setLength(0);
    assertEquals(1, run("train", "--objective", "triplet", "--data", data(), "--optimizer", "sgd"));
    assertEquals(
        "facesearch: unknown --optimizer 'sgd'; known: adam, adamw", err.toString().strip());
    err.getBuffer().setLength(0);
    assertEquals(
        1, run("train", "--objective", "triplet", "--data", data(), "--revive-dead-branches"));
    assertEquals(
        "facesearch: --revive-dead-branches revives the weights of --init; give the bundle to"
            + " start from",
        err.toString().strip());
  }

  @Test
  void batchAllIsForContrastiveOnly() {
    assertEquals(1, run("train", "--objective", "bce", "--pairs", "batch-all", "--data", data()));
    assertEquals(
        "facesearch: batch-all pairs are for the contrastive objective only",
        err.toString().strip());
  }

  @Test
  void theObjectiveIsRequired() {
    assertEquals(1, run("train", "--data", data()));
    assertEquals(
        "facesearch: --objective is required: triplet, ntxent, contrastive, bce, cosface, arcface or distill",
        err.toString().strip());
  }

  @Test
  void anOptionTheObjectiveHasNoUseForIsRefused() {
    assertEquals(1, run("train", "--objective", "ntxent", "--margin", "0.3", "--data", data()));
    assertEquals(
        "facesearch: --margin is not a setting of the ntxent objective; drop it",
        err.toString().strip());
  }

  @Test
  void initialWeightsFromAFolderThatIsNotThereAreOneSentence() {
    Path missing = temp.resolve("no-such-model");
    assertEquals(
        1, run("train", "--objective", "triplet", "--init", missing.toString(), "--data", data()));
    assertEquals(
        "facesearch: --init "
            + missing
            + ": no model bundle folder there; give a folder with model.json",
        err.toString().strip());
  }

  @Test
  void initialWeightsOfAnotherObjectiveAreRefusedBeforeTraining() {
    Path runDir = temp.resolve("run");
    assertEquals(
        1,
        run(
            "train",
            "--objective",
            "triplet",
            "--init",
            Path.of("../models/default").toAbsolutePath().toString(),
            "--data",
            data(),
            "--run-dir",
            runDir.toString()));
    String message = err.toString().strip();
    assertTrue(
        message.matches(
            "facesearch: model distill-[0-9a-f]{12} was trained with the distill objective, whose"
                + " head differs from triplet's; change --init"),
        message);
    assertTrue(!Files.exists(runDir.resolve("model")));
  }

  @Test
  void distillationNeedsATeacher() {
    assertEquals(1, run("train", "--objective", "distill", "--data", data()));
    assertEquals(
        "facesearch: --objective distill needs --teacher: a model bundle folder or a built-in model name",
        err.toString().strip());
  }

  @Test
  void anUnknownTeacherTargetFormIsNamedWithTheKnownOnes() {
    assertEquals(
        1,
        run(
            "train",
            "--objective",
            "distill",
            "--teacher",
            "pixels-32-grey",
            "--teacher-targets",
            "centered",
            "--data",
            data(),
            "--run-dir",
            temp.resolve("run").toString()));
    assertEquals(
        "facesearch: unknown teacher target form 'centered'; known: plain, mirror-centred",
        err.toString().strip());
    assertTrue(!Files.exists(temp.resolve("run").resolve("model")));
  }

  @Test
  void moreTeacherViewsThanTheLimitAreRefusedInOneSentenceBeforeAnyWork() {
    assertEquals(
        1,
        run(
            "train",
            "--objective",
            "distill",
            "--teacher",
            "pixels-32-grey",
            "--teacher-views",
            "33",
            "--data",
            data(),
            "--run-dir",
            temp.resolve("run").toString()));
    assertEquals(
        "facesearch: at most 32 teacher views (each is one teacher pass over the training faces),"
            + " got 33",
        err.toString().strip());
    assertTrue(!Files.exists(temp.resolve("run").resolve("model")));
  }

  @Test
  void onlyDistillationTakesATeacher() {
    assertEquals(
        1,
        run(
            "train",
            "--objective",
            "cosface",
            "--teacher",
            "pixels-32-grey",
            "--data",
            data(),
            "--run-dir",
            temp.resolve("run").toString()));
    assertEquals(
        "facesearch: --teacher is not a setting of the cosface objective; drop it",
        err.toString().strip());
  }

  @Test
  void sweepValuesMustBeNumbers() {
    assertEquals(2, run("train", "sweep", "--objective", "triplet", "--margin", "0.2,wide"));
    assertTrue(err.toString().contains("wide"), err.toString());
  }

  @Test
  void trainLbpRefusesAnExistingFolderAndImpossibleSizesBeforeLoadingAnything() throws Exception {
    Path taken = Files.createDirectories(temp.resolve("taken"));
    assertEquals(1, run("train", "lbp", "--data", data(), "--out", taken.toString()));
    assertEquals(
        "facesearch: --out " + taken + " already exists; choose a new folder or remove it",
        err.toString().strip());
    err.getBuffer().setLength(0);
    assertEquals(
        1,
        run(
            "train",
            "lbp",
            "--data",
            data(),
            "--out",
            temp.resolve("new").toString(),
            "--pca",
            "1"));
    assertEquals(
        "facesearch: PCA sizes must lie between 2 and 4000, got 1", err.toString().strip());
    assertFalse(Files.exists(temp.resolve("new")));
    err.getBuffer().setLength(0);
    assertEquals(
        2,
        run(
            "train",
            "lbp",
            "--data",
            data(),
            "--out",
            temp.resolve("new").toString(),
            "--unsupervised",
            "--dims",
            "100"));
    assertTrue(
        err.toString()
            .contains(
                "--dims does not apply with --unsupervised: each PCA size is its own"
                    + " output size, so give the sizes with --pca"),
        err.toString());
    assertFalse(Files.exists(temp.resolve("new")));
  }

  @Test
  void trainFuseNeedsTwoModelFoldersAndANewOutputFolder() throws Exception {
    Path one = Files.createDirectories(temp.resolve("one"));
    assertEquals(
        1,
        run(
            "train",
            "fuse",
            "--data",
            data(),
            "--models",
            one.toString(),
            "--out",
            temp.resolve("f").toString()));
    assertEquals("facesearch: --models takes two model folders, got 1", err.toString().strip());
    err.getBuffer().setLength(0);
    assertEquals(
        1,
        run(
            "train",
            "fuse",
            "--data",
            data(),
            "--models",
            one + "," + one,
            "--out",
            one.toString()));
    assertEquals(
        "facesearch: --out " + one + " already exists; choose a new folder or remove it",
        err.toString().strip());
  }
}

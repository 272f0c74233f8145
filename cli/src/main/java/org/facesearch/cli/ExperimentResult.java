package org.facesearch.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * What a finished seed experiment measured, kept as {@value #FILE} in its run folder: a run whose
 * folder holds one is not trained or evaluated again, and the report is written from these figures.
 *
 * @param command the {@code facesearch train} command that trained it
 * @param steps optimiser steps actually run
 * @param epochs those steps as passes over the training photos
 * @param seconds training wall time
 * @param stoppedByTimeLimit whether {@code --max-minutes} ended it before its schedule
 * @param finalTrainLoss mean training loss since the last validation
 * @param finalValidationLoss the loss on the held-out photos at the last validation
 * @param validationAccuracy same/different accuracy on held-out photos, at the best threshold
 * @param view1Accuracy pairsDevTest accuracy at the threshold chosen on pairsDevTrain
 * @param view1Pairs how many pairsDevTest pairs that accuracy counts (the quick schedule limits it)
 * @param ari k-means ARI of the embeddings on the seed subset's test photos
 * @param pixelAri the same of raw pixels
 * @param knnTop1 nearest-neighbour identification of those photos against the train photos
 */
record ExperimentResult(
    String command,
    long steps,
    double epochs,
    double seconds,
    boolean stoppedByTimeLimit,
    double finalTrainLoss,
    double finalValidationLoss,
    double validationAccuracy,
    double view1Accuracy,
    int view1Pairs,
    double ari,
    double pixelAri,
    double knnTop1) {

  static final String FILE = "experiment.properties";

  static boolean existsIn(Path runDir) {
    return Files.isRegularFile(runDir.resolve(FILE));
  }

  static ExperimentResult read(Path runDir) {
    Path file = runDir.resolve(FILE);
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return new ExperimentResult(
          required(p, "command", file),
          Long.parseLong(required(p, "steps", file)),
          number(p, "epochs", file),
          number(p, "seconds", file),
          Boolean.parseBoolean(required(p, "stoppedByTimeLimit", file)),
          number(p, "finalTrainLoss", file),
          number(p, "finalValidationLoss", file),
          number(p, "validationAccuracy", file),
          number(p, "view1Accuracy", file),
          Integer.parseInt(required(p, "view1Pairs", file)),
          number(p, "ari", file),
          number(p, "pixelAri", file),
          number(p, "knnTop1", file));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file
              + " holds a value that is not a number ("
              + e.getMessage()
              + "); delete the file to evaluate the run again",
          e);
    }
  }

  /** Writes {@value #FILE} into {@code runDir}, replacing it whole. */
  void write(Path runDir) {
    Properties p = new Properties();
    p.setProperty("command", command);
    p.setProperty("steps", Long.toString(steps));
    p.setProperty("epochs", text(epochs));
    p.setProperty("seconds", text(seconds));
    p.setProperty("stoppedByTimeLimit", Boolean.toString(stoppedByTimeLimit));
    p.setProperty("finalTrainLoss", text(finalTrainLoss));
    p.setProperty("finalValidationLoss", text(finalValidationLoss));
    p.setProperty("validationAccuracy", text(validationAccuracy));
    p.setProperty("view1Accuracy", text(view1Accuracy));
    p.setProperty("view1Pairs", Integer.toString(view1Pairs));
    p.setProperty("ari", text(ari));
    p.setProperty("pixelAri", text(pixelAri));
    p.setProperty("knnTop1", text(knnTop1));
    Path file = runDir.resolve(FILE);
    Path temp = runDir.resolve("." + FILE + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        p.store(out, "facesearch experiments seeds: one finished run");
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String text(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }

  private static String required(Properties p, String key, Path file) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException(
          file + " has no " + key + "; delete the file to evaluate the run again");
    }
    return value;
  }

  private static double number(Properties p, String key, Path file) {
    return Double.parseDouble(required(p, key, file));
  }
}

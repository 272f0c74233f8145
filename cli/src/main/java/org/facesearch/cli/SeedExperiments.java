package org.facesearch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed projects' experiments, in the order they are run (the TriNet grid first, then SimCLR,
 * then the rest): what issue #12 asks to reproduce. Only what differs from an objective's defaults
 * is named; the seeds' common settings (Adam 1e-4, weight decay 1e-5, batch 64, validation every
 * 250 steps) are the defaults already.
 */
final class SeedExperiments {
  static final String TRINET = "TriNet (triplet loss, seed protocol)";
  static final String SIMCLR = "SimCLR (NT-Xent, seed protocol)";
  static final String CNN19 = "19-layer CNN on pairsDevTrain";
  static final String BATCH_ALL = "Batch-all contrastive, ResNet-18";
  static final String UNLABELLED = "SimCLR on LFW without labels";

  /** The quick schedule's smaller checks: fewer validation and protocol pairs. */
  private static final List<String> QUICK_CHECKS =
      List.of("--validation-pairs", "200", "--protocol-pairs", "200");

  private SeedExperiments() {}

  static List<SeedExperiment> all() {
    List<SeedExperiment> all = new ArrayList<>();
    for (String margin : List.of("0.2", "0.5", "1.0")) {
      for (String temperature : List.of("0.5", "1.0")) {
        all.add(
            new SeedExperiment(
                "trinet-margin-" + margin + "-temperature-" + temperature,
                TRINET,
                List.of(
                    "--objective",
                    "triplet",
                    "--people",
                    "seed",
                    "--margin",
                    margin,
                    "--temperature",
                    temperature),
                schedules(
                    List.of("--iterations", "20", "--validate-every", "10"),
                    List.of("--iterations", "300", "--validate-every", "100"),
                    List.of("--iterations", "10000")),
                "10,000 iterations"));
      }
    }
    for (String temperature : List.of("0.1", "0.2", "0.5")) {
      all.add(
          new SeedExperiment(
              "simclr-temperature-" + temperature,
              SIMCLR,
              List.of("--objective", "ntxent", "--people", "seed", "--temperature", temperature),
              schedules(
                  List.of("--epochs", "1", "--validate-every", "10"),
                  List.of("--epochs", "30", "--validate-every", "100"),
                  List.of("--epochs", "300")),
              "300 epochs"));
    }
    all.add(
        new SeedExperiment(
            "batch-all-contrastive",
            BATCH_ALL,
            List.of("--objective", "contrastive", "--pairs", "batch-all"),
            schedules(
                List.of("--iterations", "20", "--validate-every", "10"),
                List.of("--iterations", "1000", "--validate-every", "250"),
                List.of("--iterations", "10000")),
            "10,000 iterations"));
    all.add(
        new SeedExperiment(
            "cnn19-bce",
            CNN19,
            List.of("--objective", "bce", "--backbone", "cnn19", "--pairs", "protocol"),
            schedules(
                List.of("--iterations", "20", "--validate-every", "10"),
                List.of("--iterations", "300", "--validate-every", "100"),
                List.of("--iterations", "10000")),
            "10,000 iterations"));
    all.add(
        new SeedExperiment(
            "cnn19-contrastive",
            CNN19,
            List.of(
                "--objective",
                "contrastive",
                "--backbone",
                "cnn19",
                "--pairs",
                "protocol",
                "--margin",
                "1.0"),
            schedules(
                List.of("--iterations", "20", "--validate-every", "10"),
                List.of("--iterations", "300", "--validate-every", "100"),
                List.of("--iterations", "10000")),
            "10,000 iterations"));
    all.add(
        new SeedExperiment(
            "simclr-unlabelled",
            UNLABELLED,
            List.of("--objective", "ntxent"),
            schedules(
                List.of("--epochs", "1", "--max-minutes", "3", "--validate-every", "10"),
                List.of("--epochs", "3", "--validate-every", "100"),
                List.of("--epochs", "300")),
            "300 epochs"));
    return List.copyOf(all);
  }

  /**
   * The medium schedule checks View 1 on all of pairsDevTest like the full one, and stops a run at
   * its time limit (reported as such) rather than let one slow objective take the afternoon.
   */
  private static Map<ExperimentSchedule, List<String>> schedules(
      List<String> quick, List<String> medium, List<String> full) {
    List<String> q = new ArrayList<>(quick);
    q.addAll(QUICK_CHECKS);
    List<String> m = new ArrayList<>(medium);
    if (!m.contains("--max-minutes")) {
      m.addAll(List.of("--max-minutes", Integer.toString(ExperimentSchedule.MEDIUM_MINUTES)));
    }
    return Map.of(
        ExperimentSchedule.QUICK, q, ExperimentSchedule.MEDIUM, m, ExperimentSchedule.FULL, full);
  }
}

package org.facesearch.data.fetch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The image sets LFW publishes, each as one archive beside the same six protocol files.
 *
 * <p>Checksums: scikit-learn ({@code sklearn/datasets/_lfw.py}) publishes SHA-256 for lfw.tgz,
 * lfw-funneled.tgz and the three pairs files; the people files' SHA-256 were computed from the
 * official files (they match the copy under shared/data/lfw, which came from the LFW project's own
 * repository). Nobody publishes a SHA-256 for lfw-deepfunneled.tgz, so it is checked against the
 * MD5 sum that LFW's download page lists for it.
 */
public enum LfwVariant {
  /** The original Viola-Jones crops. */
  LFW(
      "lfw",
      new RemoteFile(
          "lfw.tgz",
          Checksum.sha256("055f7d9c632d7370e6fb4afc7468d40f970c34a80d4c6f50ffec63f5a8d536c0"))),
  /** Aligned by congealing (Huang et al., ICCV 2007). */
  FUNNELED(
      "funneled",
      new RemoteFile(
          "lfw-funneled.tgz",
          Checksum.sha256("b47c8422c8cded889dc5a13418c4bc2abbda121092b3533a83306f90d900100a"))),
  /** Aligned by deep funneling (Huang et al., NIPS 2012): the variant facesearch trains on. */
  DEEPFUNNELED(
      "deepfunneled",
      new RemoteFile("lfw-deepfunneled.tgz", Checksum.md5("68331da3eb755a505a502b5aacb3c201")));

  /** View 1 and View 2 of the benchmark: the same files for every variant. */
  private static final List<RemoteFile> PROTOCOL_FILES =
      List.of(
          new RemoteFile(
              "pairsDevTrain.txt",
              Checksum.sha256("1d454dada7dfeca0e7eab6f65dc4e97a6312d44cf142207be28d688be92aabfa")),
          new RemoteFile(
              "pairsDevTest.txt",
              Checksum.sha256("7cb06600ea8b2814ac26e946201cdb304296262aad67d046a16a7ec85d0ff87c")),
          new RemoteFile(
              "pairs.txt",
              Checksum.sha256("ea42330c62c92989f9d7c03237ed5d591365e89b3e649747777b70e692dc1592")),
          new RemoteFile(
              "people.txt",
              Checksum.sha256("bc8fa2b7f25c895cf7efb6de4f4fc27ca8b8d1cfa63350ad8b96eae2b198d365")),
          new RemoteFile(
              "peopleDevTrain.txt",
              Checksum.sha256("2e58df13ba4cc143189336e001cc2c195f1dfa5b29a6475c02857be353c2a2fa")),
          new RemoteFile(
              "peopleDevTest.txt",
              Checksum.sha256("c3ed1f90499473401542101a56c14c1d82396bb8218c67a356d7460601047555")));

  private final String id;
  private final RemoteFile archive;

  LfwVariant(String id, RemoteFile archive) {
    this.id = id;
    this.archive = archive;
  }

  /** The name users type: {@code lfw}, {@code funneled} or {@code deepfunneled}. */
  public String id() {
    return id;
  }

  public RemoteFile archive() {
    return archive;
  }

  public static List<RemoteFile> protocolFiles() {
    return PROTOCOL_FILES;
  }

  public static LfwVariant parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(v -> v.id.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown LFW variant '"
                        + text
                        + "'; expected one of "
                        + Arrays.stream(values())
                            .map(LfwVariant::id)
                            .collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return id;
  }
}

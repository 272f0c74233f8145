package org.facesearch.data.protocol;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pairs file of LFW's verification protocol. {@code pairsDevTrain.txt}/{@code pairsDevTest.txt}
 * start with N, then N matched lines {@code name n1 n2} and N mismatched lines {@code name1 n1
 * name2 n2}. {@code pairs.txt} starts with {@code folds N} (10 300) and repeats that block once per
 * fold.
 */
public record PairsFile(Path source, int folds, List<FacePair> pairs) {

  public PairsFile {
    Objects.requireNonNull(source, "source");
    pairs = List.copyOf(pairs);
  }

  /**
   * Parses a pairs file strictly.
   *
   * @throws ProtocolFormatException naming the file and line that break the format
   */
  public static PairsFile read(Path file) {
    ProtocolReader in = ProtocolReader.open(file);
    String[] header = in.fields("a header: the number of pairs N, or folds and N like '10 300'");
    int folds;
    int perFold;
    if (header.length == 1) {
      folds = 1;
      perFold = in.positive(header, 0, "the number of pairs");
    } else if (header.length == 2) {
      folds = in.positive(header, 0, "the number of folds");
      perFold = in.positive(header, 1, "the number of pairs per fold");
    } else {
      throw in.error(
          1,
          "expected a header: the number of pairs N, or folds and N like '10 300'; got '"
              + String.join(" ", header)
              + "'");
    }
    List<FacePair> pairs = new ArrayList<>(folds * perFold * 2);
    for (int fold = 0; fold < folds; fold++) {
      String where = folds == 1 ? "" : " of fold " + (fold + 1);
      for (int i = 1; i <= perFold; i++) {
        String expected = "matched pair " + i + "/" + perFold + where + " 'name n1 n2'";
        String[] f = in.fields(expected);
        in.expectFields(f, 3, expected);
        ImageRef a = new ImageRef(f[0], in.positive(f, 1, expected + ": an image number"));
        ImageRef b = new ImageRef(f[0], in.positive(f, 2, expected + ": an image number"));
        if (a.number() == b.number()) {
          throw in.error(
              in.lineNumber(),
              "a matched pair needs two different images, got " + a.key() + " twice");
        }
        pairs.add(new FacePair(a, b, true, fold));
      }
      for (int i = 1; i <= perFold; i++) {
        String expected = "mismatched pair " + i + "/" + perFold + where + " 'name1 n1 name2 n2'";
        String[] f = in.fields(expected);
        in.expectFields(f, 4, expected);
        ImageRef a = new ImageRef(f[0], in.positive(f, 1, expected + ": an image number"));
        ImageRef b = new ImageRef(f[2], in.positive(f, 3, expected + ": an image number"));
        if (a.identity().equals(b.identity())) {
          throw in.error(
              in.lineNumber(),
              "a mismatched pair needs two different people, got " + a.identity() + " twice");
        }
        pairs.add(new FacePair(a, b, false, fold));
      }
    }
    in.expectEnd(folds * perFold * 2 + " pairs");
    return new PairsFile(file, folds, pairs);
  }

  /** The pairs of one fold (0-based), matched first, as in the file. */
  public List<FacePair> fold(int index) {
    Objects.checkIndex(index, folds);
    return pairs.stream().filter(p -> p.fold() == index).toList();
  }
}

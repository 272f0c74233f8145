package org.facesearch.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * An LFW copy on disk, or a subset of its people. Opening it only lists folders; no image is read,
 * so the whole of LFW opens in well under a second. Identities sort by name (Java string order, as
 * in LFW's people files) and each person's images by number.
 */
public final class LfwDataset {
  private final Path root;
  private final SequencedMap<String, List<FaceImage>> byIdentity;
  private final List<String> identities;
  private final List<FaceImage> images;
  private final int ignoredFiles;

  private LfwDataset(
      Path root, SequencedMap<String, List<FaceImage>> byIdentity, int ignoredFiles) {
    this.root = root;
    this.byIdentity = byIdentity;
    this.identities = List.copyOf(byIdentity.keySet());
    this.images = byIdentity.values().stream().flatMap(List::stream).toList();
    this.ignoredFiles = ignoredFiles;
  }

  /**
   * Lists the LFW copy at {@code root} ({@code root/images/<Name>/...} or {@code root/<Name>/...}).
   * Files in person folders that do not follow {@code <Name>_NNNN.jpg} are skipped and counted.
   *
   * @throws DataNotFoundException if {@code root} holds no LFW photos
   */
  public static LfwDataset open(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    Path imagesFolder =
        LfwLayout.imagesFolder(absolute)
            .orElseThrow(
                () ->
                    new DataNotFoundException(
                        DataNotFoundException.Missing.PHOTOS,
                        absolute,
                        "not an LFW folder: "
                            + absolute
                            + " "
                            + LfwLayout.problemWith(absolute).orElse("holds no photos")));
    TreeMap<String, List<FaceImage>> byIdentity = new TreeMap<>();
    int ignored = 0;
    try (DirectoryStream<Path> people =
        Files.newDirectoryStream(imagesFolder, Files::isDirectory)) {
      for (Path folder : people) {
        String identity = folder.getFileName().toString();
        List<FaceImage> own = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
          for (Path file : files) {
            int number = LfwLayout.imageNumber(identity, file.getFileName().toString());
            if (number > 0) {
              own.add(new FaceImage(identity, number, file));
            } else {
              ignored++;
            }
          }
        }
        if (!own.isEmpty()) {
          own.sort(Comparator.comparingInt(FaceImage::number));
          byIdentity.put(identity, List.copyOf(own));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list LFW folder " + imagesFolder + ": " + e.getMessage(), e);
    }
    return new LfwDataset(absolute, byIdentity, ignored);
  }

  /** The folder the dataset was opened from (also for subsets). */
  public Path root() {
    return root;
  }

  /** All photos, by identity then number. */
  public List<FaceImage> images() {
    return images;
  }

  /** The people, sorted by name. */
  public List<String> identities() {
    return identities;
  }

  public boolean contains(String identity) {
    return byIdentity.containsKey(identity);
  }

  /**
   * One person's photos, by number.
   *
   * @throws ImageNotFoundException if the person is not in this dataset or subset
   */
  public List<FaceImage> imagesOf(String identity) {
    List<FaceImage> own = byIdentity.get(identity);
    if (own == null) {
      throw new ImageNotFoundException("no person '" + identity + "' in " + describe());
    }
    return own;
  }

  /**
   * The photo {@code <identity>_<number>.jpg}.
   *
   * @throws ImageNotFoundException naming the photo and what the person does have
   */
  public FaceImage image(String identity, int number) {
    List<FaceImage> own = imagesOf(identity);
    for (FaceImage image : own) {
      if (image.number() == number) {
        return image;
      }
    }
    throw new ImageNotFoundException(
        "no image "
            + FaceImage.key(identity, number)
            + " in "
            + describe()
            + " ("
            + identity
            + " has images "
            + own.getFirst().number()
            + ".."
            + own.getLast().number()
            + ")");
  }

  /** The people with at least {@code minFacesPerPerson} photos (sklearn's min_faces_per_person). */
  public LfwDataset subset(int minFacesPerPerson) {
    if (minFacesPerPerson < 1) {
      throw new IllegalArgumentException(
          "min faces per person must be at least 1, got " + minFacesPerPerson);
    }
    return filter(own -> own.size() >= minFacesPerPerson);
  }

  /**
   * Only the named people (e.g. those of {@code peopleDevTrain.txt}).
   *
   * @throws ImageNotFoundException naming people who are not in this dataset
   */
  public LfwDataset withIdentities(Collection<String> identities) {
    TreeSet<String> wanted = new TreeSet<>(identities);
    List<String> missing = wanted.stream().filter(name -> !byIdentity.containsKey(name)).toList();
    if (!missing.isEmpty()) {
      throw new ImageNotFoundException(
          missing.size()
              + " of the requested people are not in "
              + describe()
              + ": "
              + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
              + (missing.size() > 5 ? ", ..." : ""));
    }
    return filter(own -> wanted.contains(own.getFirst().identity()));
  }

  /**
   * A protocol file beside the images, e.g. {@code pairs.txt}.
   *
   * @throws DataNotFoundException if it is not there
   */
  public Path protocolFile(String name) {
    if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new IllegalArgumentException(
          "a protocol file is a plain file name like pairs.txt, got '" + name + "'");
    }
    Path file = root.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new DataNotFoundException(
          DataNotFoundException.Missing.PROTOCOL_FILE,
          root,
          "LFW protocol file " + name + " not found in " + root);
    }
    return file;
  }

  /**
   * How many files in the person folders were skipped for not being named {@code <Name>_NNNN.jpg}.
   */
  public int ignoredFiles() {
    return ignoredFiles;
  }

  private LfwDataset filter(Predicate<List<FaceImage>> keep) {
    LinkedHashMap<String, List<FaceImage>> kept = new LinkedHashMap<>();
    for (Map.Entry<String, List<FaceImage>> entry : byIdentity.entrySet()) {
      if (keep.test(entry.getValue())) {
        kept.put(entry.getKey(), entry.getValue());
      }
    }
    return new LfwDataset(root, kept, ignoredFiles);
  }

  private String describe() {
    return "the LFW copy at " + root + " (" + byIdentity.size() + " people)";
  }

  @Override
  public String toString() {
    return "LfwDataset["
        + root
        + ", "
        + byIdentity.size()
        + " people, "
        + images.size()
        + " images]";
  }
}

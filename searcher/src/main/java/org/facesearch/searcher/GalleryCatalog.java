package org.facesearch.searcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.facesearch.indexer.IndexedImage;

/**
 * Who is in a build and which images each person has, for browsing the gallery and serving its
 * thumbnails. Immutable; read once from a build's stored fields.
 */
public final class GalleryCatalog {
  private final Map<String, List<GalleryPhoto>> byIdentity;
  private final Map<String, GalleryPhoto> bySha256;
  private final List<String> identities;
  private final int images;

  private GalleryCatalog(Map<String, List<GalleryPhoto>> byIdentity) {
    this.byIdentity = byIdentity;
    this.identities = List.copyOf(byIdentity.keySet());
    Map<String, GalleryPhoto> sha = new HashMap<>();
    int count = 0;
    for (List<GalleryPhoto> photos : byIdentity.values()) {
      for (GalleryPhoto photo : photos) {
        sha.putIfAbsent(photo.sha256(), photo);
        count++;
      }
    }
    this.bySha256 = Map.copyOf(sha);
    this.images = count;
  }

  /** Every image of a build; {@code files} says where an image is on disk. */
  static GalleryCatalog read(List<IndexedImage> images, Function<IndexedImage, Path> files) {
    Map<String, List<GalleryPhoto>> people = new TreeMap<>();
    for (IndexedImage image : images) {
      people
          .computeIfAbsent(image.identity(), k -> new ArrayList<>())
          .add(
              new GalleryPhoto(
                  image.identity(), image.image(), files.apply(image), image.sha256()));
    }
    Map<String, List<GalleryPhoto>> sorted = new TreeMap<>();
    people.forEach(
        (identity, photos) ->
            sorted.put(
                identity,
                photos.stream().sorted(Comparator.comparing(GalleryPhoto::image)).toList()));
    return new GalleryCatalog(Collections.unmodifiableMap(sorted));
  }

  /** Everyone, alphabetically. */
  public List<String> identities() {
    return identities;
  }

  /**
   * The people whose name contains {@code filter}, ignoring case and treating spaces as underscores
   * ({@code "george w"} finds {@code George_W_Bush}); everyone for a blank filter.
   */
  public List<String> identities(String filter) {
    String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    if (needle.isEmpty()) {
      return identities;
    }
    return identities.stream()
        .filter(name -> name.toLowerCase(Locale.ROOT).contains(needle))
        .toList();
  }

  /** The person's images in file order; empty for someone not in the gallery. */
  public List<GalleryPhoto> photosOf(String identity) {
    return byIdentity.getOrDefault(identity, List.of());
  }

  /** The gallery image with exactly these bytes. */
  public Optional<GalleryPhoto> photo(String sha256) {
    return Optional.ofNullable(bySha256.get(sha256));
  }

  /** How many images the build holds. */
  public int images() {
    return images;
  }
}

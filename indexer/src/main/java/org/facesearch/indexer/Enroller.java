package org.facesearch.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.facesearch.data.FileTrees;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.face.NoFaceException;
import org.facesearch.data.face.Photo;
import org.facesearch.data.image.FaceCrop;
import org.facesearch.data.image.ImageDecoder;
import org.facesearch.data.image.JpegEncoder;
import org.facesearch.model.Embedder;

/**
 * Adds a person to the serving build without rebuilding. Each photo's face is framed like LFW and
 * saved under {@code enrolled/<Name>/} (so thumbnails and later builds include it), embedded from
 * that saved copy (exactly as a rebuild will see it), and added in one index commit. All or
 * nothing: a photo without a face, or any failure, adds none of the call's photos.
 */
public final class Enroller {
  private static final int JPEG_QUALITY = 95;

  private final GalleryIndex root;
  private final Embedder embedder;
  private final FaceReader faces;

  private final GalleryVectors vectors;

  /** An enroller whose photos the model embeds, for builds whose gallery the model embedded. */
  public Enroller(GalleryIndex root, Embedder embedder, FaceReader faces) {
    this(root, embedder, GalleryVectors.MODEL, faces);
  }

  /**
   * An enroller whose photos {@code embedder} embeds as a build's {@code vectors} say (the model,
   * or its teacher in its space): it enrols only into builds whose gallery was embedded so.
   */
  public Enroller(GalleryIndex root, Embedder embedder, GalleryVectors vectors, FaceReader faces) {
    this.root = root;
    this.embedder = embedder;
    this.vectors = vectors;
    this.faces = faces;
  }

  /**
   * Enrols {@code photos} of {@code person} into the serving build.
   *
   * @throws NoFaceException naming the first photo without a face (nothing is added)
   * @throws org.facesearch.data.image.InvalidImageException naming a photo that is not a usable
   *     image (nothing is added)
   * @throws IndexNotFoundException if there is no index to add to yet
   * @throws ModelMismatchException if the serving build was made with another model, or its gallery
   *     embedded by the other of the model and its teacher
   */
  public Enrollment enroll(PersonName person, List<Photo> photos) {
    if (photos.isEmpty()) {
      throw new IllegalArgumentException("enrolling " + person + " needs at least one photo");
    }
    List<byte[]> jpegs =
        photos.stream()
            .map(photo -> JpegEncoder.withImageIo(faces.read(photo).image(), JPEG_QUALITY))
            .toList();
    ImageDecoder decoder = new ImageDecoder();
    List<FaceCrop> crops = new ArrayList<>();
    for (int i = 0; i < jpegs.size(); i++) {
      // From the saved JPEG, exactly as a later index build will read it back.
      crops.add(embedder.prepare(decoder.decode(jpegs.get(i), photos.get(i).name())));
    }
    float[][] embeddings = EmbeddingRows.check(embedder, crops.size(), embedder.embed(crops));

    try (IndexLock held = root.lock()) {
      Build build = root.requireCurrent();
      if (!build.manifest().modelId().equals(embedder.modelId())) {
        throw new ModelMismatchException(
            build.manifest().modelId(), embedder.modelId(), root.location());
      }
      if (build.manifest().gallery() != vectors) {
        throw ModelMismatchException.galleryVectors(
            build.manifest().gallery(), vectors, root.location());
      }
      return add(held, build, person, jpegs, embeddings);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot enrol " + person + " into " + root.location() + ": " + e.getMessage(), e);
    }
  }

  /** Saves the photos and adds their entries; the caller holds {@code held}. */
  private Enrollment add(
      IndexLock held, Build build, PersonName person, List<byte[]> jpegs, float[][] embeddings)
      throws IOException {
    EnrolledFolder folder = root.enrolled();
    int first = folder.nextNumber(person);
    Path staging = folder.dir().resolve(EnrolledFolder.TEMPORARY + UUID.randomUUID());
    List<Path> placed = new ArrayList<>();
    try {
      Files.createDirectories(staging);
      List<IndexEntry> entries = new ArrayList<>();
      List<String> images = new ArrayList<>();
      for (int i = 0; i < jpegs.size(); i++) {
        Path target = folder.file(person, first + i);
        Files.write(staging.resolve(target.getFileName()), jpegs.get(i));
        GalleryImage image =
            new GalleryImage(person.value(), folder.image(target), target, GallerySource.ENROLLED);
        entries.add(
            new IndexEntry(image, Photo.sha256(jpegs.get(i)), embeddings[i], embedder.modelId()));
        images.add(image.image());
      }
      // Photos go into place before the entries become visible: a failure rolls the index back.
      root.add(
          build,
          entries,
          () -> {
            try {
              Files.createDirectories(folder.dir().resolve(person.value()));
              for (int i = 0; i < jpegs.size(); i++) {
                Path target = folder.file(person, first + i);
                Files.move(
                    staging.resolve(target.getFileName()), target, StandardCopyOption.ATOMIC_MOVE);
                placed.add(target);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(
                  "cannot save the photos of " + person + ": " + e.getMessage(), e);
            }
          });
      return new Enrollment(person, images, build);
    } catch (IOException | RuntimeException e) {
      for (Path file : placed) {
        Files.deleteIfExists(file);
      }
      throw e;
    } finally {
      deleteTree(staging);
    }
  }

  private static void deleteTree(Path path) throws IOException {
    FileTrees.deleteTree(path);
  }
}

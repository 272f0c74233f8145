package org.facesearch.searcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog lists exactly what the serving build holds. */
class GalleryCatalogTest {
  private static final List<String> PEOPLE = List.of("Hugo_Chavez", "Serena_Williams");

  @Test
  void listsEveryPersonAndImageOfTheBuild(@TempDir Path dir) throws Exception {
    Path data = TestGalleries.copy(dir.resolve("lfw"), PEOPLE);
    IndexRoot root = new IndexRoot(dir.resolve("index"));
    new IndexBuilder(root, TestModels.pixels(), new CropCache(dir.resolve("cache")))
        .build(new BuildSettings(data, 1, HnswParams.DEFAULT, "pixels-32-grey"));
    try (FaceReader faces =
            FaceReader.open(DetectorKind.BLAZEFACE, TestAssets.store(), ImageLimits.DEFAULT);
        GallerySearcher searcher =
            new GallerySearcher(root, TestModels.pixels(), faces, OptionalDouble.empty())) {
      GalleryCatalog catalog = searcher.catalog();
      assertEquals(PEOPLE, catalog.identities());
      assertEquals(List.of("Serena_Williams"), catalog.identities("serena W"));
      assertEquals(PEOPLE, catalog.identities("  "));
      assertEquals(List.of(), catalog.identities("nobody"));

      int total = 0;
      for (String person : PEOPLE) {
        List<Path> files = files(data.resolve("images").resolve(person));
        List<GalleryPhoto> photos = catalog.photosOf(person);
        assertEquals(files, photos.stream().map(GalleryPhoto::file).toList(), "file order");
        for (GalleryPhoto photo : photos) {
          assertEquals(sha256(photo.file()), photo.sha256());
          assertEquals(photo, catalog.photo(photo.sha256()).orElseThrow());
        }
        total += files.size();
      }
      assertEquals(total, catalog.images());
      assertTrue(catalog.photosOf("Nobody").isEmpty());
      assertTrue(catalog.photo("0".repeat(64)).isEmpty());
      assertTrue(catalog == searcher.catalog(), "read once per build");
    }
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}

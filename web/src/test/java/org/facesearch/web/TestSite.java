package org.facesearch.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.data.LfwDataset;
import org.facesearch.data.assets.TestAssets;
import org.facesearch.data.cache.CropCache;
import org.facesearch.data.detect.DetectorKind;
import org.facesearch.data.face.FaceReader;
import org.facesearch.data.image.ImageLimits;
import org.facesearch.data.testing.LfwTestData;
import org.facesearch.indexer.BuildSettings;
import org.facesearch.indexer.GalleryVectors;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexBuilder;
import org.facesearch.indexer.lucene.IndexRoot;
import org.facesearch.indexer.testing.TestGalleries;
import org.facesearch.indexer.testing.TestModels;
import org.facesearch.model.Embedder;
import org.facesearch.searcher.LoadedModel;
import org.facesearch.searcher.ModelSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real server on 127.0.0.1 (a free port) over a real index of a few LFW people, built with the
 * raw-pixel model, plus an HTTP client to talk to it.
 */
public final class TestSite implements AutoCloseable {
  /**
   * A threshold for the pixel model, which has none of its own: enough to test open-set answers.
   */
  public static final double THRESHOLD = 0.6;

  static final JsonMapper JSON = JsonMapper.builder().build();

  public final Path dir;
  public final Path data;
  public final IndexRoot root;
  public final CropCache cache;
  public final FaceReader faces;
  public final LiveGallery gallery;
  public final WebServer server;
  public final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private TestSite(
      Path dir,
      Path data,
      IndexRoot root,
      CropCache cache,
      FaceReader faces,
      LiveGallery gallery,
      WebServer server) {
    this.dir = dir;
    this.data = data;
    this.root = root;
    this.cache = cache;
    this.faces = faces;
    this.gallery = gallery;
    this.server = server;
  }

  /** Copies {@code people} from LFW, indexes them and serves the index. */
  public static TestSite withIndex(Path dir, List<String> people, ServerSettings settings) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), people);
    IndexRoot root = new IndexRoot(dir.resolve("index"));
    CropCache cache = new CropCache(dir.resolve("cache"));
    new IndexBuilder(root, TestModels.pixels(), cache).build(buildSettings(data));
    return start(dir, data, root, cache, null, THRESHOLD, settings);
  }

  /**
   * Copies {@code people} from LFW, indexes them with {@code model}'s teacher in its space ({@link
   * GalleryVectors#TEACHER}) and serves the index with {@code model}.
   */
  public static TestSite withTeacherIndex(
      Path dir, List<String> people, String model, ServerSettings settings) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), people);
    IndexRoot root = new IndexRoot(dir.resolve("index"));
    CropCache cache = new CropCache(dir.resolve("cache"));
    try (LoadedModel loaded = ModelSource.load(model);
        Embedder teacher = ModelSource.teacherSpace(loaded)) {
      new IndexBuilder(root, teacher, loaded.embedder(), cache)
          .build(new BuildSettings(data, 1, HnswParams.DEFAULT, model, GalleryVectors.TEACHER));
    }
    return start(dir, data, root, cache, model, null, settings);
  }

  /** Serves an index folder with nothing built in it yet. */
  public static TestSite withoutIndex(
      Path dir, List<String> people, String model, ServerSettings settings) {
    return withoutIndex(dir, people, model, THRESHOLD, settings);
  }

  /** As {@link #withoutIndex(Path, List, String, ServerSettings)}; a null threshold gives none. */
  public static TestSite withoutIndex(
      Path dir, List<String> people, String model, Double threshold, ServerSettings settings) {
    Path data = TestGalleries.copy(dir.resolve("lfw"), people);
    return start(
        dir,
        data,
        new IndexRoot(dir.resolve("index")),
        new CropCache(dir.resolve("cache")),
        model,
        threshold,
        settings);
  }

  public static BuildSettings buildSettings(Path data) {
    return new BuildSettings(data, 1, HnswParams.DEFAULT, "pixels-32-grey");
  }

  public static ServerSettings settings() {
    return ServerSettings.defaults().withPort(0).withRefreshEvery(Duration.ofMillis(200));
  }

  private static TestSite start(
      Path dir,
      Path data,
      IndexRoot root,
      CropCache cache,
      String model,
      Double threshold,
      ServerSettings settings) {
    ImageLimits limits =
        new ImageLimits(
            settings.maxUploadBytes(),
            ImageLimits.DEFAULT.maxWidth(),
            ImageLimits.DEFAULT.maxHeight(),
            ImageLimits.DEFAULT.maxPixels());
    FaceReader faces = FaceReader.open(DetectorKind.BLAZEFACE, TestAssets.store(), limits);
    LiveGallery gallery =
        LiveGallery.open(
            root, model, threshold, faces, LiveGallery.DEFAULT_MAX_BATCH, settings.refreshEvery());
    WebServer server = WebServer.start(settings, gallery, faces);
    return new TestSite(dir, data, root, cache, faces, gallery, server);
  }

  public URI uri(String path) {
    return server.uri().resolve(path);
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  public HttpResponse<byte[]> getBytes(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> post(String path, Multipart form) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", form.contentType())
            .POST(form.publisher())
            .build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** A photo of {@code person} from the served LFW copy. */
  public Path photo(String person, int number) {
    return data.resolve("images")
        .resolve(person)
        .resolve(String.format("%s_%04d.jpg", person, number));
  }

  /** Photos of people who are not in the test galleries (from the full LFW). */
  public static List<Path> strangers() {
    LfwDataset lfw = LfwDataset.open(LfwTestData.root());
    List<Path> photos = new ArrayList<>();
    for (String person :
        List.of("George_W_Bush", "Gerhard_Schroeder", "Ariel_Sharon", "Vladimir_Putin")) {
      for (int number = 1; number <= 4; number++) {
        photos.add(lfw.image(person, number).path());
      }
    }
    return photos;
  }

  public static Multipart photoForm(String field, Path file) {
    try {
      return new Multipart()
          .file(field, file.getFileName().toString(), "image/jpeg", Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try (faces;
        gallery;
        server) {
      http.close();
    }
  }
}

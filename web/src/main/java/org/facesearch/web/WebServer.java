package org.facesearch.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson3;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import org.facesearch.data.face.FaceReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The facesearch site and JSON API over a {@link LiveGallery}: a thin shell that parses requests,
 * calls the searcher and renders its answers. Start with {@link #start}; close to stop.
 */
public final class WebServer implements AutoCloseable {
  /** The look-alike query ({@code POST}); clients such as the load benchmark send to it. */
  public static final String QUERY_ROUTE = "/api/query";

  /** The multipart file field of {@link #QUERY_ROUTE} that carries the photo. */
  public static final String QUERY_PHOTO_FIELD = "photo";

  private static final String RESOURCES = "/org/facesearch/web/";

  private final Javalin app;
  private final String host;

  private WebServer(Javalin app, String host) {
    this.app = app;
    this.host = host;
  }

  /**
   * Starts listening.
   *
   * @param faces reads faces from uploads; its decoder should enforce {@code settings}' upload
   *     limit
   */
  public static WebServer start(ServerSettings settings, LiveGallery gallery, FaceReader faces) {
    Uploads uploads = new Uploads(settings.maxUploadBytes());
    byte[] openApi = resource("openapi.json");
    Javalin app =
        Javalin.create(
            config -> {
              configure(config, uploads);
              QueryApi query = new QueryApi(gallery, faces, uploads);
              VerifyApi verify = new VerifyApi(gallery, faces, uploads);
              GalleryApi galleryApi = new GalleryApi(gallery);
              UploadPages uploadPages = new UploadPages(uploads);
              GalleryPages galleryPages = new GalleryPages(gallery);
              StatusPage statusPage = new StatusPage(gallery);
              var routes = config.routes;
              routes.get("/", uploadPages::search);
              routes.get("/verify", uploadPages::verify);
              routes.get("/gallery", galleryPages::gallery);
              routes.get("/gallery/{identity}", galleryPages::person);
              routes.get("/status", statusPage::status);
              routes.post(QUERY_ROUTE, query::handle);
              routes.post("/api/verify", verify::handle);
              routes.get("/api/identities", galleryApi::identities);
              routes.get("/api/identities/{identity}", galleryApi::person);
              routes.get("/api/thumbnails/{id}", galleryApi::thumbnail);
              routes.get("/api/status", ctx -> ctx.json(StatusReport.of(gallery)));
              routes.get(
                  "/api/health",
                  ctx -> ctx.json(new Health("ok", StatusReport.of(gallery).ready())));
              routes.get(
                  "/api/openapi.json",
                  ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result(openApi));
              settings
                  .adminToken()
                  .ifPresent(
                      token ->
                          routes.post(
                              "/api/enroll",
                              new EnrollApi(gallery, faces, uploads, token)::handle));
              routes.before(WebServer::securityHeaders);
              ErrorResponses.register(routes);
            });
    app.start(settings.host(), settings.port());
    return new WebServer(app, settings.host());
  }

  record Health(String status, boolean ready) {}

  /**
   * Pages load scripts, styles and images from this server only (plus the crops' {@code data:} and
   * the upload previews' {@code blob:} URLs), so injected markup could not run or fetch anything.
   */
  private static void securityHeaders(Context ctx) {
    ctx.header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
  }

  private static void configure(JavalinConfig config, Uploads uploads) {
    config.startup.showJavalinBanner = false;
    config.jsonMapper(new JavalinJackson3(JsonMapper.builder().build(), false));
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/static";
          files.directory = RESOURCES + "static";
          files.location = Location.CLASSPATH;
        });
    long total = uploads.maxRequestBytes();
    // Parts stay in memory up to the photo limit and larger ones are refused: uploads never touch
    // the disk.
    config.jetty.multipartConfig.maxFileSize(uploads.maxPhotoBytes(), SizeUnit.BYTES);
    config.jetty.multipartConfig.maxInMemoryFileSize((int) uploads.maxPhotoBytes(), SizeUnit.BYTES);
    config.jetty.multipartConfig.maxTotalRequestSize(total, SizeUnit.BYTES);
    config.http.maxRequestSize = total;
    // Jetty reuses a header it parsed earlier on the same connection when a later one matches it
    // ignoring case, handing over the earlier value: an admin token sent in the wrong case would be
    // read as the right one. Header values are compared exactly here.
    config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
  }

  private static byte[] resource(String name) {
    try (InputStream in = WebServer.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCES + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return app.port();
  }

  /** Where the site is, e.g. {@code http://127.0.0.1:7070/}. */
  public URI uri() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + shown + ":" + port() + "/");
  }

  @Override
  public void close() {
    app.stop();
  }
}

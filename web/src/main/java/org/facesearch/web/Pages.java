package org.facesearch.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.facesearch.searcher.GalleryCatalog;
import org.facesearch.searcher.GalleryPhoto;

/**
 * The server-rendered pages. Search and Verify are forms that a little script sends to the JSON
 * API; Gallery and Status are rendered here from the same data the API returns.
 */
final class Pages {
  private final LiveGallery gallery;
  private final Uploads uploads;

  Pages(LiveGallery gallery, Uploads uploads) {
    this.gallery = gallery;
    this.uploads = uploads;
  }

  void search(Context ctx) {
    StringBuilder options = new StringBuilder();
    for (int k : List.of(1, 3, 5, 10, 20)) {
      options
          .append("<option value=\"")
          .append(k)
          .append('"')
          .append(k == QueryApi.DEFAULT_TOP ? " selected" : "")
          .append('>')
          .append(k)
          .append("</option>");
    }
    String body =
        """
        <h1>Who do you look like?</h1>
        <p class="lead">Upload a photo with a face. facesearch finds the face, then the people in the gallery who look most like it.</p>
        <form id="query-form" class="card upload" data-max-bytes="%d">
          <label class="drop" id="drop">
            <input type="file" id="photo" name="photo" accept="image/jpeg,image/png">
            <span class="drop-text"><strong>Choose a photo</strong> or drop it here<br><small>JPEG or PNG, up to %s</small></span>
            <img id="preview" alt="" hidden>
          </label>
          <div class="controls">
            <label>Show top <select id="top" name="top">%s</select> people</label>
            <button type="submit" id="search-button">Find look-alikes</button>
          </div>
        </form>
        <div id="message" class="message" role="status" hidden></div>
        <section id="results" class="results" hidden>
          <div class="query-face card">
            <h2>Face found</h2>
            <img id="crop" alt="The face found in your photo">
            <p id="verdict" class="verdict"></p>
          </div>
          <ol id="matches" class="matches"></ol>
        </section>
        """
            .formatted(
                uploads.maxPhotoBytes(), Uploads.megabytes(uploads.maxPhotoBytes()), options);
    ctx.html(Layout.page("Search", Layout.Tab.SEARCH, body, "upload.js", "search.js"));
  }

  void verify(Context ctx) {
    String body =
        """
        <h1>Same person?</h1>
        <p class="lead">Upload two photos. facesearch compares the two faces and says whether they show the same person.</p>
        <form id="verify-form" class="card upload" data-max-bytes="%d">
          <div class="pair">
            <label class="drop"><input type="file" id="photo-a" name="a" accept="image/jpeg,image/png">
              <span class="drop-text"><strong>First photo</strong><br><small>choose or drop</small></span><img alt="" hidden></label>
            <label class="drop"><input type="file" id="photo-b" name="b" accept="image/jpeg,image/png">
              <span class="drop-text"><strong>Second photo</strong><br><small>choose or drop</small></span><img alt="" hidden></label>
          </div>
          <div class="controls"><button type="submit" id="verify-button">Compare</button></div>
        </form>
        <div id="message" class="message" role="status" hidden></div>
        <section id="verdict" class="card verdict-card" hidden>
          <div class="pair"><img id="crop-a" alt="First face"><img id="crop-b" alt="Second face"></div>
          <p id="decision" class="decision"></p>
          <p id="score" class="score-line"></p>
        </section>
        """
            .formatted(uploads.maxPhotoBytes());
    ctx.html(Layout.page("Verify", Layout.Tab.VERIFY, body, "upload.js", "verify.js"));
  }

  void gallery(Context ctx) {
    String filter = ctx.queryParam("q") == null ? "" : ctx.queryParam("q");
    int page = GalleryApi.positive(ctx, "page", 1, Integer.MAX_VALUE);
    GalleryCatalog catalog = catalogOrNull();
    if (catalog == null) {
      notReady(ctx, "Gallery", Layout.Tab.GALLERY);
      return;
    }
    GalleryApi.IdentityPage shown =
        GalleryApi.page(catalog, filter, page, GalleryApi.DEFAULT_PAGE_SIZE);
    StringBuilder cards = new StringBuilder();
    for (GalleryApi.Identity person : shown.identities()) {
      cards.append(
          """
          <li><a href="%s"><img src="%s" alt="" loading="lazy"><span class="name">%s</span><span class="count">%d photo%s</span></a></li>
          """
              .formatted(
                  person.person(),
                  person.thumbnail(),
                  Html.displayName(person.identity()),
                  person.images(),
                  person.images() == 1 ? "" : "s"));
    }
    String q = Html.escape(filter);
    String pager = pager(shown, filter);
    String body =
        """
        <h1>Gallery</h1>
        <form class="filter" method="get" action="/gallery">
          <input type="search" name="q" value="%s" placeholder="Filter by name, e.g. george w" aria-label="Filter by name">
          <button type="submit">Filter</button>
        </form>
        <p class="lead">%,d %s%s · page %d of %d</p>
        <ul class="people">%s</ul>
        %s
        """
            .formatted(
                q,
                shown.total(),
                shown.total() == 1 ? "person" : "people",
                filter.isBlank() ? "" : " matching “" + q + "”",
                shown.page(),
                shown.pages(),
                cards.isEmpty() ? "<li class=\"empty\">Nobody matches.</li>" : cards,
                pager);
    ctx.html(Layout.page("Gallery", Layout.Tab.GALLERY, body));
  }

  private static String pager(GalleryApi.IdentityPage shown, String filter) {
    if (shown.pages() <= 1) {
      return "";
    }
    String q =
        filter.isBlank() ? "" : "q=" + URLEncoder.encode(filter, StandardCharsets.UTF_8) + "&amp;";
    StringBuilder out = new StringBuilder("<nav class=\"pager\">");
    if (shown.page() > 1) {
      out.append("<a href=\"/gallery?")
          .append(q)
          .append("page=")
          .append(shown.page() - 1)
          .append("\">&larr; Previous</a>");
    }
    out.append("<span>").append(shown.page()).append(" / ").append(shown.pages()).append("</span>");
    if (shown.page() < shown.pages()) {
      out.append("<a href=\"/gallery?")
          .append(q)
          .append("page=")
          .append(shown.page() + 1)
          .append("\">Next &rarr;</a>");
    }
    return out.append("</nav>").toString();
  }

  void person(Context ctx) {
    String identity = ctx.pathParam("identity");
    GalleryCatalog catalog = catalogOrNull();
    if (catalog == null) {
      notReady(ctx, "Gallery", Layout.Tab.GALLERY);
      return;
    }
    List<GalleryPhoto> photos = catalog.photosOf(identity);
    if (photos.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND)
          .html(
              Layout.page(
                  "Not found",
                  Layout.Tab.GALLERY,
                  "<h1>Not in the gallery</h1><p class=\"lead\">Nobody called “"
                      + Html.escape(identity)
                      + "” is in the gallery. <a href=\"/gallery\">Browse everyone</a>.</p>"));
      return;
    }
    StringBuilder images = new StringBuilder();
    for (GalleryPhoto photo : photos) {
      String file = photo.image().substring(photo.image().lastIndexOf('/') + 1);
      images
          .append("<li><img src=\"")
          .append(Links.thumbnail(photo.sha256()))
          .append("\" alt=\"")
          .append(Html.escape(file))
          .append("\" loading=\"lazy\"><span class=\"count\">")
          .append(Html.escape(file))
          .append("</span></li>");
    }
    String body =
        """
        <p class="crumbs"><a href="/gallery">Gallery</a> / %s</p>
        <h1>%s</h1>
        <p class="lead">%d photo%s in the gallery</p>
        <ul class="people photos">%s</ul>
        """
            .formatted(
                Html.displayName(identity),
                Html.displayName(identity),
                photos.size(),
                photos.size() == 1 ? "" : "s",
                images);
    ctx.html(Layout.page(identity.replace('_', ' '), Layout.Tab.GALLERY, body));
  }

  void status(Context ctx) {
    StatusReport report = StatusReport.of(gallery);
    StringBuilder body = new StringBuilder("<h1>Status</h1>");
    if (report.problem() != null) {
      body.append("<div class=\"message warn\">")
          .append(Html.escape(report.problem()))
          .append("</div>");
    }
    body.append("<div class=\"status-grid\"><section class=\"card\"><h2>Model</h2>");
    if (report.model() == null) {
      body.append("<p>No model yet: it is taken from the index once one is built.</p>");
    } else {
      StatusReport.ModelInfo model = report.model();
      body.append("<dl>")
          .append(row("Model id", model.id()))
          .append(row("Loaded from", model.source()))
          .append(
              row(
                  "Verification threshold",
                  model.threshold() == null
                      ? "none (closed-set search only)"
                      : format(model.threshold())));
      for (Map.Entry<String, Double> metric : model.metrics().entrySet()) {
        body.append(row(metric.getKey(), format(metric.getValue())));
      }
      body.append("</dl>");
    }
    body.append("</section><section class=\"card\"><h2>Index</h2>");
    if (report.index() == null) {
      body.append(
          "<p>No index yet. Build one with <code>facesearch index</code>; the server picks it up"
              + " without a restart.</p>");
    } else {
      StatusReport.IndexInfo index = report.index();
      body.append("<dl>")
          .append(row("Serving build", index.build()))
          .append(row("Images", String.format(Locale.ROOT, "%,d", index.images())))
          .append(row("People", String.format(Locale.ROOT, "%,d", index.identities())))
          .append(row("Built at", index.createdAt()))
          .append(row("Build time", String.format(Locale.ROOT, "%.1f s", index.buildSeconds())))
          .append(row("Built with model", index.modelId() + " (" + index.modelSource() + ")"))
          .append(row("Photos from", index.dataRoot()))
          .append(row("Index folder", index.dir()))
          .append("</dl>");
    }
    body.append("</section></div>");
    ctx.html(Layout.page("Status", Layout.Tab.STATUS, body.toString()));
  }

  private GalleryCatalog catalogOrNull() {
    try (LiveGallery.Lease lease = gallery.lease()) {
      return lease.hasIndex() ? lease.searcher().catalog() : null;
    } catch (NotReadyException e) {
      return null;
    }
  }

  private static void notReady(Context ctx, String title, Layout.Tab tab) {
    ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
        .html(
            Layout.page(
                title,
                tab,
                "<h1>"
                    + title
                    + "</h1><p class=\"message warn\">No index yet. Build one with <code>facesearch"
                    + " index</code>; the server picks it up without a restart.</p>"));
  }

  private static String row(String key, String value) {
    return "<dt>" + Html.escape(key) + "</dt><dd>" + Html.escape(value) + "</dd>";
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}

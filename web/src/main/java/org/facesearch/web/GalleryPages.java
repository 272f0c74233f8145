package org.facesearch.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.facesearch.searcher.GalleryCatalog;
import org.facesearch.searcher.GalleryPhoto;

/** The Gallery pages: everyone (paged, filtered by name), and one person's photos. */
final class GalleryPages {
  private final LiveGallery gallery;

  GalleryPages(LiveGallery gallery) {
    this.gallery = gallery;
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
}

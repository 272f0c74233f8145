package org.facesearch.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.facesearch.searcher.GalleryCatalog;
import org.facesearch.searcher.GalleryPhoto;

/**
 * The gallery as JSON, and its thumbnails. A thumbnail is named only by its opaque id, the SHA-256
 * of the image's bytes, and looked up in the serving build's catalog: the client can never name a
 * file.
 */
final class GalleryApi {
  static final int DEFAULT_PAGE_SIZE = 48;
  static final int MAX_PAGE_SIZE = 500;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  record Identity(String identity, int images, String thumbnail, String person) {}

  record IdentityPage(
      int total, int page, int pages, int size, String filter, List<Identity> identities) {}

  record Image(String id, String image, String thumbnail) {}

  record Person(String identity, List<Image> images) {}

  private final LiveGallery gallery;

  GalleryApi(LiveGallery gallery) {
    this.gallery = gallery;
  }

  /** {@code GET /api/identities?q=&page=&size=}. */
  void identities(Context ctx) {
    int page = positive(ctx, "page", 1, Integer.MAX_VALUE);
    int size = positive(ctx, "size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    String filter = ctx.queryParam("q") == null ? "" : ctx.queryParam("q");
    try (LiveGallery.Lease lease = gallery.lease()) {
      ctx.json(page(lease.searcher().catalog(), filter, page, size));
    }
  }

  static IdentityPage page(GalleryCatalog catalog, String filter, int page, int size) {
    List<String> names = catalog.identities(filter);
    int pages = Math.max(1, (names.size() + size - 1) / size);
    int from = (int) Math.min(names.size(), (long) (page - 1) * size);
    List<Identity> shown =
        names.subList(from, Math.min(names.size(), from + size)).stream()
            .map(name -> identity(catalog, name))
            .toList();
    return new IdentityPage(names.size(), page, pages, size, filter, shown);
  }

  private static Identity identity(GalleryCatalog catalog, String name) {
    List<GalleryPhoto> photos = catalog.photosOf(name);
    return new Identity(
        name, photos.size(), Links.thumbnail(photos.getFirst().sha256()), Links.person(name));
  }

  /** {@code GET /api/identities/{identity}}. */
  void person(Context ctx) {
    String identity = ctx.pathParam("identity");
    try (LiveGallery.Lease lease = gallery.lease()) {
      List<GalleryPhoto> photos = lease.searcher().catalog().photosOf(identity);
      if (photos.isEmpty()) {
        throw new NotFoundResponse("nobody called '" + identity + "' in the gallery");
      }
      ctx.json(
          new Person(
              identity,
              photos.stream()
                  .map(p -> new Image(p.sha256(), p.image(), Links.thumbnail(p.sha256())))
                  .toList()));
    }
  }

  /** {@code GET /api/thumbnails/{id}}: the gallery image's JPEG bytes. */
  void thumbnail(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    if (!SHA256.matcher(id).matches()) {
      throw new BadRequestResponse("a thumbnail id is 64 lower-case hex digits");
    }
    GalleryPhoto photo;
    try (LiveGallery.Lease lease = gallery.lease()) {
      photo =
          lease
              .searcher()
              .catalog()
              .photo(id)
              .orElseThrow(() -> new NotFoundResponse("no gallery image " + id));
    }
    if (!Files.isRegularFile(photo.file())) {
      throw new NotFoundResponse("the image file for " + photo.image() + " is no longer there");
    }
    // Content-addressed: the bytes behind an id never change.
    ctx.header("Cache-Control", "public, max-age=604800, immutable");
    ctx.contentType("image/jpeg").result(Files.readAllBytes(photo.file()));
  }

  static int positive(Context ctx, String name, int fallback, int max) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // same message as out of range
    }
    throw new BadRequestResponse(
        "'" + name + "' must be a whole number from 1 to " + max + ", got '" + value + "'");
  }
}

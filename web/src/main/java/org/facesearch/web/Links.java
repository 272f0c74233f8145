package org.facesearch.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The site's URLs, built in one place so pages, JSON and routes agree. */
final class Links {
  static final String THUMBNAILS = "/api/thumbnails/";
  static final String GALLERY = "/gallery";

  private Links() {}

  /** A gallery image by its opaque id (the SHA-256 of its bytes). */
  static String thumbnail(String sha256) {
    return THUMBNAILS + sha256;
  }

  static String person(String identity) {
    return GALLERY + "/" + URLEncoder.encode(identity, StandardCharsets.UTF_8);
  }
}

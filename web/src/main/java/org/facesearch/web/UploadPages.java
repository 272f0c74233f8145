package org.facesearch.web;

import io.javalin.http.Context;
import java.util.List;

/**
 * The Search and Verify pages: upload forms that a little script sends to the JSON API, and the
 * places its answers are shown.
 */
final class UploadPages {
  private final Uploads uploads;

  UploadPages(Uploads uploads) {
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
            <input type="file" id="photo" name="photo" accept="image/jpeg,image/png,image/webp,image/bmp,image/tiff">
            <span class="drop-text"><strong>Choose a photo</strong> or drop it here<br><small>JPEG, PNG, WebP, BMP or TIFF, up to %s</small></span>
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
            <div id="faces" class="faces"><img id="photo-faces" alt="Your photo, with the faces found"></div>
            <p id="faces-hint" class="hint" hidden>Several faces found: click one to search for it.</p>
            <img id="crop" alt="The face found in your photo">
            <p id="verdict" class="verdict"></p>
          </div>
          <ol id="matches" class="matches"></ol>
          <p id="probability-note" class="hint" hidden></p>
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
            <label class="drop"><input type="file" id="photo-a" name="a" accept="image/jpeg,image/png,image/webp,image/bmp,image/tiff">
              <span class="drop-text"><strong>First photo</strong><br><small>choose or drop</small></span><img alt="" hidden></label>
            <label class="drop"><input type="file" id="photo-b" name="b" accept="image/jpeg,image/png,image/webp,image/bmp,image/tiff">
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
}
